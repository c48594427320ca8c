"""A position's photos: shown to those who see the position, removed by those who keep it."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.positions.selectors import position_get, position_photo
from gonghui.positions.services.positions import position_photo_remove
from gonghui.web.common.forms import call_service_or_message
from gonghui.web.common.views import needs_any, not_found_as_404
from gonghui.web.positions.views.common import MANAGE, PERMS, view_scope


@needs_any(*PERMS)
@not_found_as_404
def photo_file(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    position = position_get(scope=view_scope(request), pk=pk)
    photo = position_photo(position=position, pk=photo_pk)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type=photo.content_type)  # type: ignore[return-value]


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def photo_remove(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    position = position_get(scope=view_scope(request), pk=pk)
    photo = position_photo(position=position, pk=photo_pk)
    if call_service_or_message(request, position_photo_remove, actor=request.user, photo=photo) is None:
        messages.success(request, _("已删除照片。"))
    return redirect("web:positions_detail", pk)
