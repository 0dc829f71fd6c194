"""What search engines and link previews read about an article: metadata and JSON-LD."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.text import Truncator

from core.site import absolute_url
from images.sharing import share_crops
from images.templatetags.pictures import lead_image_url as library_lead_image_url

from .credits import credits_of
from .models import Article

DESCRIPTION_LENGTH = 160
# The publisher's logo for structured data: Google asks for at least 112 × 112 pixels.
LOGO = ("icons/icon-512.png", 512, 512)


def article_metadata(article: Article) -> dict:
    """Return the canonical URL, description, image and JSON-LD of a prefetched article."""
    card = share_card(article)
    canonical, description, image_url = card["url"], card["description"], card["image_url"]
    lead = lead_image(article)
    return {
        "title": card["title"],
        "canonical": canonical,
        "description": description,
        "image_url": image_url,
        "modified": modified_at(article),
        "structured_data": [
            news_article(article, canonical, description, images_to_share(lead, image_url)),
            breadcrumb_list(article),
        ],
    }


def describe(article: Article) -> str:
    """Return the article's description: the editor's, else its summary, never empty."""
    text = article.seo_description or article.summary or article.headline
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def share_card(article: Article) -> dict:
    """Return what link previews and search results show of a prefetched article, even a draft."""
    return {
        "title": article.seo_title or article.headline,
        "description": describe(article),
        "image_url": lead_image_url(lead_image(article)),
        "url": absolute_url(article.get_absolute_url()),
    }


def lead_image(article: Article):
    """Return the article's lead image from its prefetched images, or None."""
    return next((image for image in article.images.all() if image.is_lead), None)


def lead_image_url(image) -> str:
    """Return the absolute URL to share for a lead image, or "" when it has no picture."""
    url = library_lead_image_url(image)
    return absolute_url(url) if url else ""


def images_to_share(lead, image_url: str) -> list:
    """Return the lead picture's 16:9, 4:3 and 1:1 crops for JSON-LD, or its one URL."""
    crops = [
        {
            "@type": "ImageObject",
            "url": absolute_url(crop.file.url),
            "width": crop.width,
            "height": crop.height,
        }
        for crop in share_crops(lead)
    ]
    return crops or ([image_url] if image_url else [])


def modified_at(article: Article):
    """Return when the article last changed in public: never before it was published."""
    return max(article.published_at, article.updated_at)


def news_article(article: Article, canonical: str, description: str, images: list) -> dict:
    """Return the schema.org NewsArticle describing `article`."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": description,
        "url": canonical,
        "mainEntityOfPage": canonical,
        "datePublished": article.published_at.isoformat(),
        "dateModified": modified_at(article).isoformat(),
        "inLanguage": article.language,
        "articleSection": article.section.name,
        "keywords": [item.tag.name for item in article.tagged_items.all()],
        "author": authors(article),
        "publisher": publisher(),
    }
    if reporters := credits_of(article).reporters:
        data["contributor"] = [person_data(person) for person in reporters]
    if images:
        data["image"] = images
    corrections = article.corrections.all()
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": fix.text,
                "datePublished": fix.created_at.isoformat(),
            }
            for fix in corrections
        ]
    return data


def authors(article: Article) -> list[dict]:
    """Return who wrote the article: its authors, else the agency, else the publication."""
    credits = credits_of(article)
    if credits.authors:
        return [person_data(person) for person in credits.authors]
    if credits.agency:
        return [{"@type": "Organization", "name": credits.agency}]
    return [organisation()]


def person_data(person) -> dict:
    """Return a person of ours as a schema.org Person with their page."""
    return {
        "@type": "Person",
        "name": person.full_name,
        "url": absolute_url(person.get_absolute_url()),
    }


def organisation() -> dict:
    """Return the publication as a schema.org Organization."""
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute_url("/")}


def publisher() -> dict:
    """Return the publication with its logo, as a NewsArticle's publisher."""
    path, width, height = LOGO
    url = absolute_url(static(path))
    logo = {"@type": "ImageObject", "url": url, "width": width, "height": height}
    return organisation() | {"logo": logo}


def breadcrumb_list(article: Article) -> dict:
    """Return the schema.org BreadcrumbList from the home page down to the article."""
    trail = [(settings.SITE_NAME, absolute_url("/"))]
    trail += [(s.name, absolute_url(s.get_absolute_url())) for s in article.section.path]
    trail.append((article.headline, absolute_url(article.get_absolute_url())))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }
