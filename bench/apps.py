from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """The benchmark's app: installed only by bench/settings.py, for `manage.py generate_scale_data`."""

    name = "bench"
    verbose_name = _("Benchmark")
