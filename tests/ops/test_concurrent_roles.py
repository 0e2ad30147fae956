"""Two warehouses on one server set up at the same moment (pytest-xdist workers, Celery workers): the
server-wide role bi_reader is altered by both, and neither may fail."""
from __future__ import annotations

import threading
import uuid


def test_ensure_roles_in_two_databases_at_once(server_url):
    from include.warehouse import create_database, drop_database, ensure_roles

    names = [f"test_roles_{i}_{uuid.uuid4().hex[:8]}" for i in range(2)]
    urls = [create_database(name, drop_existing=True) for name in names]
    errors: list[str] = []

    def set_up_repeatedly(url: str) -> None:
        for _ in range(25):
            try:
                ensure_roles(url)
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(repr(exc))

    try:
        threads = [threading.Thread(target=set_up_repeatedly, args=(url,)) for url in urls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # Without the retry in include.warehouse, 34 of 80 such calls failed with "tuple concurrently updated".
        assert errors == []
    finally:
        for name in names:
            drop_database(name)
