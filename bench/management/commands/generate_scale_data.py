import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bench.scale_data import DEFAULT_SEED, ScaleDataError, generate_scale_data, remove_scale_data


class Command(BaseCommand):
    help = (
        "Fill the featured strategy with N clearly marked synthetic projects (and their reports, milestones, "
        "indicators, partners, money, organisations and persons) for performance tests; --remove deletes them again."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--projects", type=int, help="how many synthetic projects there shall be (missing ones are added)"
        )
        action.add_argument("--remove", action="store_true", help="delete all synthetic data, nothing else")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the random values")

    def handle(self, *args, projects=None, remove=False, seed=DEFAULT_SEED, **options):
        started = time.monotonic()
        try:
            summary = remove_scale_data() if remove else self.generate(projects, seed)
        except ScaleDataError as error:
            raise CommandError(str(error)) from None
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label}: {count}")
        if remove:
            message = _("Synthetic data removed in %(seconds).1f s.")
        elif summary.counts:
            message = _("Synthetic data generated in %(seconds).1f s.")
        else:
            message = _("There are already %(projects)s synthetic projects: nothing to do.")
        self.stdout.write(message % {"seconds": time.monotonic() - started, "projects": projects})

    def generate(self, projects, seed):
        if projects < 0:
            raise CommandError(_("The number of projects must not be negative."))
        return generate_scale_data(projects=projects, seed=seed)
