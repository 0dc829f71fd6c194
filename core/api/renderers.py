"""DRF's browsable API, with the one loosening of the Content-Security-Policy it needs."""

from csp.constants import SELF, UNSAFE_INLINE
from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """Render the browsable API; its pages alone may carry inline style attributes."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            # DRF's templates style elements inline; scripts stay as strict as everywhere.
            response._csp_replace = {"style-src": [SELF, UNSAFE_INLINE]}
        return super().render(data, accepted_media_type, renderer_context)
