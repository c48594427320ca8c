from django.apps import AppConfig


class JobsConfig(AppConfig):
    """就业服务: employers' postings, 招聘会, and workers applying with their consent."""

    name = "gonghui.jobs"
    label = "jobs"

    def ready(self) -> None:
        import gonghui.jobs.exports
        import gonghui.jobs.metrics  # noqa: F401  (registers this domain's metrics)
        from gonghui.core.periodic import register_periodic
        from gonghui.jobs import models
        from gonghui.orgs.paths import register_path_copy

        # A union that moves takes its postings, their applications and its job fairs along.
        for model in (models.JobPosting, models.JobApplication, models.JobFair):
            register_path_copy(model, "org_path")
        register_periodic("jobs_expire_postings", "gonghui.jobs.tasks.jobs_expire_postings_task")
