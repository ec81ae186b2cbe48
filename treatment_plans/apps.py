from django.apps import AppConfig


class TreatmentPlansConfig(AppConfig):
    name = "treatment_plans"

    def ready(self) -> None:
        from iop.clients.discharge_steps import register_discharge_step
        from iop.clients.signals import episode_discharged
        from treatment_plans import census, chart, discharge, report_sections, signals
        from treatment_plans.views import documents, gate, plans, reviews  # noqa: F401  panels

        chart.register()
        census.register()
        register_discharge_step("aftercare", 30, discharge.aftercare_step)
        report_sections.register()
        episode_discharged.connect(
            signals.close_active_plan, dispatch_uid="treatment-plans-close-active-plan"
        )
