"""The searchable image library in the admin, with thumbnails and a picker for the editor."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from .models import Image
from .renditions import SHARE_RATIOS, discard_renditions, ensure_every_rendition

PICKER_PAGE_SIZE = 60


def thumbnail_url(image: Image) -> str:
    """Return the smallest stored rendition's URL, or the original's when none exists yet."""
    smallest = min(
        image.renditions.all(), key=lambda r: (r.width, r.format != "webp"), default=None
    )
    return smallest.file.url if smallest else image.file.url


def picker_url(image: Image) -> str:
    """Return a rendition about 800 px wide to pick the focal point on, else the original."""
    jpegs = [r for r in image.renditions.all() if r.format == "jpeg" and "-" not in r.spec]
    best = min(jpegs, key=lambda r: abs(r.width - 800), default=None)
    return best.file.url if best else image.file.url


def focal_picker_html(image: Image):
    """Return the picture to drag the focal point on, with the crops it keeps drawn over it.

    static/admin-desk/focal.js makes it work (pointer and arrow keys) and writes the two
    numeric fields, which stay for keyboards and for pages without JavaScript.
    """
    ratios = " ".join(f"{w}:{h}" for w, h in SHARE_RATIOS)
    return format_html(
        '<div class="focal-picker" data-ratios="{}" data-width="{}" data-height="{}">'
        '<img src="{}" alt="" class="focal-picker__image" draggable="false"></div>'
        '<p class="help" id="focal-picker-help">Drag on the picture, or focus the point and use '
        "the arrow keys (Shift for bigger steps), to choose what every crop keeps in view; "
        "the frames show the {} crops.</p>",
        ratios, image.width, image.height, picker_url(image), ", ".join(ratios.split()),
    )  # fmt: skip


def thumbnail_html(image: Image, height: int = 48):
    """Return a small <img> of a library image for admin lists."""
    return format_html(
        '<img src="{}" alt="" height="{}" loading="lazy" class="desk-thumb">',
        thumbnail_url(image),
        height,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "__str__", "credit", "dimensions", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    search_fields = ["caption", "credit", "alt_text", "file"]
    date_hierarchy = "uploaded_at"
    readonly_fields = [
        "preview", "focal_picker", "width", "height", "uploaded_by", "uploaded_at"
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt_text", "caption", "credit"]}),
        ("Focal point and crops", {"fields": ["focal_picker", ("focal_x", "focal_y")]}),
        ("Recorded on upload", {"fields": [("width", "height"), "uploaded_by", "uploaded_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            # A plain file field: the model's validator decodes the upload and explains
            # exactly what is wrong (bomb, too large, wrong type) instead of a generic error.
            kwargs["form_class"] = forms.FileField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="")
    def thumbnail(self, image):
        return thumbnail_html(image)

    @admin.display(description="Preview")
    def preview(self, image):
        return thumbnail_html(image, height=160) if image.pk else "—"

    @admin.display(description="Focal point")
    def focal_picker(self, image):
        return focal_picker_html(image) if image.pk and image.width else "—"

    class Media:
        css = {"all": ["admin-desk/focal.css"]}
        js = ["admin-desk/focal.js"]

    @admin.display(description="Size")
    def dimensions(self, image):
        return f"{image.width} × {image.height}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        if "file" in form.changed_data:
            obj.width = obj.height = 0  # measured again from the new file on save
        super().save_model(request, obj, form, change)
        if change and {"file", "focal_x", "focal_y"} & set(form.changed_data):
            discard_renditions(obj)
        ensure_every_rendition(obj)

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [path("picker/", picker, name="images_image_picker"), *super().get_urls()]

    def picker_view(self, request):
        """Show a searchable grid of images the editor's figure dialog can pick from."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "")
        queryset, _ = self.get_search_results(request, self.get_queryset(request), query)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Choose an image",
            "images": queryset[:PICKER_PAGE_SIZE],
            "query": query,
            "func_num": request.GET.get("CKEditorFuncNum", ""),
        }
        return TemplateResponse(request, "admin/images/image/picker.html", context)
