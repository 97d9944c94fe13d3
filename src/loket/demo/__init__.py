"""STUB: the demo data set comes with the demo-data work."""

DEMO_PASSWORD = "Loket-demo-2026"


def demo_logins() -> list[tuple[str, str]]:
    return []


def load_demo(progress: object = None) -> bool:
    return False
