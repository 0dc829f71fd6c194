"""The anonymous page and API cache: tagged entries, exact invalidation, CDN headers.

Each cached response records the tags of what it shows; changing something bumps its tags'
versions, and an entry whose recorded versions are no longer current is a miss. The design is
described in docs/operators.md ("The page cache").
"""
