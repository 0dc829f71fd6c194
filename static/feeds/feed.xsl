<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS 2.0 or Atom feed of this site as a readable page when a browser opens it.
     Feed readers ignore this file. RSS descriptions are text escaped as HTML, so writing them
     out unescaped gives back the text; browsers without disable-output-escaping show the
     escaped form, never markup. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/> (feed)</title>
        <link rel="stylesheet" href="/static/css/site.css"/>
      </head>
      <body>
        <main id="main" class="wrap">
          <p class="kicker">Feed</p>
          <xsl:apply-templates select="rss/channel | atom:feed"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="about">
    <p>This is a news feed. Copy its address from the address bar into a feed reader to
      follow new articles there.</p>
  </xsl:template>

  <xsl:template match="channel">
    <h1><xsl:value-of select="title"/></h1>
    <p class="standfirst"><xsl:value-of select="description"/></p>
    <xsl:call-template name="about"/>
    <p><a href="{link}">Open the site</a></p>
    <xsl:for-each select="item">
      <article class="card">
        <h2 class="card__headline"><a href="{link}"><xsl:value-of select="title"/></a></h2>
        <p class="card__standfirst"><xsl:value-of select="description" disable-output-escaping="yes"/></p>
        <p class="card__meta"><xsl:value-of select="pubDate"/></p>
      </article>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="atom:feed">
    <h1><xsl:value-of select="atom:title"/></h1>
    <p class="standfirst"><xsl:value-of select="atom:subtitle"/></p>
    <xsl:call-template name="about"/>
    <p><a href="{atom:link[@rel='alternate']/@href}">Open the site</a></p>
    <xsl:for-each select="atom:entry">
      <article class="card">
        <h2 class="card__headline"><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
        <p class="card__standfirst"><xsl:value-of select="atom:summary"/></p>
        <p class="card__meta"><xsl:value-of select="atom:author/atom:name"/> · <xsl:value-of select="substring(atom:published, 1, 10)"/></p>
      </article>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
