from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.roles import RoleCode
from gonghui.core import limits as text_limits
from gonghui.web.common.forms import BootstrapFormMixin


class UserCreateForm(BootstrapFormMixin, forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    password = forms.CharField(label=_("初始密码"), max_length=text_limits.PASSWORD, widget=forms.PasswordInput,
                               help_text=_("首次登录时须修改。"))
    target = forms.IntegerField(widget=forms.HiddenInput, required=False)


class UserEditForm(BootstrapFormMixin, forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    target = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ResetRequestForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("重置原因"), max_length=200,
                             help_text=_("系统生成一次性临时密码，只显示一次；账号本人首次登录时须重新绑定动态验证码并设置新密码。"),
                             error_messages={"required": _("请填写重置原因。")})


class ResetDecisionForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("审批意见"), max_length=200, required=False)


class GrantForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=[("", _("请选择角色")), *RoleCode.choices],
                             error_messages={"required": _("请选择角色。")})
    target = forms.IntegerField(widget=forms.HiddenInput,
                                error_messages={"required": _("请先搜索并选择授权范围（工会）。")})
