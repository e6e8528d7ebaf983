"""The house rules for views that a reader relies on: short class stacks, every view reachable by a route."""

from django.urls import URLPattern, URLResolver, get_resolver

PROJECT_PACKAGES = {"strategy_portal", "accounts", "stakeholders", "projects", "budget", "reports", "oparl", "exchange"}
MAX_OWN_CLASSES = 3


def routed_views(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routed_views(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "view_class"):
            yield f"{namespace}{pattern.name}", pattern.callback.view_class


def own_classes(view_class):
    return [cls.__qualname__ for cls in view_class.__mro__ if cls.__module__.split(".")[0] in PROJECT_PACKAGES]


def test_no_view_stacks_more_than_three_of_the_projects_classes():
    too_deep = {
        name: own_classes(view_class)
        for name, view_class in routed_views()
        if len(own_classes(view_class)) > MAX_OWN_CLASSES
    }
    assert not too_deep, "\n".join(f"{name}: {' → '.join(classes)}" for name, classes in sorted(too_deep.items()))


def test_the_check_sees_the_projects_views():
    names = dict(routed_views())
    assert own_classes(names["projects:project-list"])[0] == "ProjectListView"
