"""Choosing a picture in the image library picker, the popup the figure dialog opens."""

import contextlib

from playwright._impl._errors import TargetClosedError


def choose_in_picker(picker, image) -> None:
    """Click the image in the library picker, which closes itself once it has handed it over.

    The picker's click handler comes from a deferred script, bound only once the page has
    loaded: a click before then does nothing (as on a slow or busy machine), so wait for it.
    """
    picker.wait_for_load_state("load")
    # The popup may close within the click: the choice has been handed over by then.
    with contextlib.suppress(TargetClosedError):
        picker.click(f".desk-picker__choice[data-id='{image.pk}']", no_wait_after=True)
