from django.apps import AppConfig


class JobsConfig(AppConfig):
    """就业服务: employers' postings, 招聘会, and workers applying with their consent."""

    name = "gonghui.jobs"
    label = "jobs"
