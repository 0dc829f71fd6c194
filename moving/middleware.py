"""Old addresses: a 404 (or WordPress's /?p=123) whose path an import recorded answers 301."""

from django.http import HttpResponsePermanentRedirect

from moving.selectors import new_address

# WordPress's address of a post or page by its number: /?p=123, /?page_id=45.
NUMBERED = ("p", "page_id")


class OldAddressMiddleware:
    """Send an old address to the article it became, wherever that article lives now."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/":
            numbered = next((key for key in NUMBERED if key in request.GET), None)
            if numbered is not None:
                target = new_address(f"/?{numbered}={request.GET[numbered]}")
                if target:
                    return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        # A 301 too: WordPress's /2024/05/slug/ has the shape of an article's address
        # (/<section>/<id>/<slug>/), which the article page would send to article 5.
        if response.status_code in {301, 404} and request.method in {"GET", "HEAD"}:
            target = new_address(request.path)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response
