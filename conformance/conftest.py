"""Shared fixtures of the contract conformance suite.

The suite talks to a running server (the sandbox, or any Kestra EE) named by three environment
variables, which `cargo xtask test` sets after starting a sandbox of its own:

- ``CONFORMANCE_URL``: base URL, e.g. ``http://127.0.0.1:8080`` (no ``/api/v1``);
- ``CONFORMANCE_EMAIL`` and ``CONFORMANCE_PASSWORD``: an instance owner (superadmin) signing in
  with basic auth.

kestrapy 2.0.3 decodes responses leniently: when a body does not fit the model it falls back to
``model_construct`` and hands back a half-filled object without a word (``BaseApi._deserialize``).
A conformance suite must hear about that, so this file makes decoding strict: every JSON answer
must validate against the SDK's pydantic model, and a list endpoint must answer a list. On top
of that, every response the SDK receives is checked against the OpenAPI document, which wins
where the two disagree (see contract.py).
"""

from __future__ import annotations

import itertools
import os
import time
from typing import Any, List, Type

import pytest
from kestrapy import KestraClient
from kestrapy.base_api import BaseApi
from kestrapy.models.tenant import Tenant

from contract import response_hook


class ContractError(AssertionError):
    """A response that does not decode into the SDK's model for it."""


def _strict_deserialize(data: Any, return_type: Any) -> Any:
    if return_type is None:
        return data
    if return_type is dict or return_type is Any:
        return data
    if data is None:
        raise ContractError(f"expected a {getattr(return_type, '__name__', return_type)}, got null")
    if return_type in (str, int, float, bool):
        if not isinstance(data, return_type) or (return_type is int and isinstance(data, bool)):
            raise ContractError(f"expected a {return_type.__name__}, got {data!r}")
        return data
    if hasattr(return_type, "from_dict") and hasattr(return_type, "model_fields"):
        if not isinstance(data, dict):
            raise ContractError(f"expected a {return_type.__name__} object, got {data!r}")
        # Raises pydantic.ValidationError naming the field when the body does not fit.
        return return_type.from_dict(data)
    if hasattr(return_type, "model_validate"):
        return return_type.model_validate(data)
    # An enum such as InvitationInvitationStatus.
    return return_type(data)


def _strict_list_request(self, method, path, item_type, *, params=None, body=None, content_type=None):
    resp = self._request(method, path, params=params, body=body, content_type=content_type)
    data = resp.json()
    if not isinstance(data, list):
        raise ContractError(f"{method} {path}: expected a JSON array, got {data!r}")
    return [_strict_deserialize(item, item_type) for item in data]


BaseApi._deserialize = staticmethod(_strict_deserialize)
BaseApi._json_list_request = _strict_list_request


def connect(base_url: str, *, username=None, password=None, token=None) -> KestraClient:
    """A kestrapy client whose every response is also checked against the OpenAPI document
    (status code, body schema, error body; see contract.validate)."""
    client = KestraClient(host=base_url, username=username, password=password, token=token, timeout=30)
    client._session.hooks["response"].append(response_hook)
    return client


def decode(model: Type[Any], data: Any) -> Any:
    """Decodes a raw JSON answer (of the SDK calls typed ``Any``) strictly into ``model``."""
    return _strict_deserialize(data, model)


def decode_list(model: Type[Any], data: Any) -> List[Any]:
    if not isinstance(data, list):
        raise ContractError(f"expected a JSON array, got {data!r}")
    return [_strict_deserialize(item, model) for item in data]


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.exit(
            f"{name} is not set: run the suite with `cargo xtask test`, or see conformance/README.md",
            returncode=4,
        )
    return value


@pytest.fixture(scope="session")
def base_url() -> str:
    return _env("CONFORMANCE_URL").rstrip("/")


@pytest.fixture(scope="session")
def admin_credentials() -> tuple[str, str]:
    return _env("CONFORMANCE_EMAIL"), _env("CONFORMANCE_PASSWORD")


@pytest.fixture(scope="session")
def admin(base_url, admin_credentials) -> KestraClient:
    """kestrapy signed in as the instance owner with basic auth."""
    email, password = admin_credentials
    with connect(base_url, username=email, password=password) as client:
        yield client


_counter = itertools.count()
RUN = format(int(time.time() * 1000) % 36**6, "x")


@pytest.fixture
def unique():
    """Makes names no earlier test (nor an earlier run against the same server) used:
    lowercase letters, digits and single dashes, so they are valid tenant, service-account and
    token names too."""

    def make(prefix: str) -> str:
        return f"{prefix}-{RUN}-{next(_counter)}"

    return make


@pytest.fixture(scope="module")
def tenant(admin) -> str:
    """A fresh tenant for one test module; deleted afterwards."""
    tenant_id = f"conf-{RUN}-{next(_counter)}"
    admin.tenants.create_tenant(Tenant(id=tenant_id, name=f"Conformance {tenant_id}", deleted=False))
    yield tenant_id
    try:
        admin.tenants.delete_tenant(tenant_id)
    except Exception:  # the tests already checked deletion; cleanup is best effort
        pass


def _label_node_id(item) -> None:
    try:  # pytest 9's structured node ids (private API: cosmetic only, so never fatal)
        from _pytest.nodeid import NodeId

        item._id = NodeId.parse(f"{item.nodeid}[{item.name.split('[', 1)[1]}")
    except Exception:
        pass


def pytest_collection_modifyitems(config, items):
    """Orders and labels the collected tests.

    - The SDK tests run first: the fuzzer leaves odd data behind (whatever the server accepts),
      which must not decide the outcome of the SDK tests.
    - schemathesis names each operation's test `test_operation[GET /api/v1/...]` but gives them
      all one node id; the id gets the operation too, so failures say which operation failed.
    - A fuzzed operation listed in its module's ``FUZZ_DEVIATIONS`` is marked as an expected
      failure (``strict=False``), like the SDK tests of known deviations.
    """
    items.sort(key=lambda item: 0 if item.path.name == "test_sdk.py" else 1)
    for item in items:
        if "[" in item.name and "[" not in item.nodeid:
            _label_node_id(item)
        deviations = getattr(item.module, "FUZZ_DEVIATIONS", {})
        label = item.name.split("[", 1)[1].rstrip("]") if "[" in item.name else None
        if label in deviations:
            item.add_marker(pytest.mark.xfail(reason=f"deviation: {deviations[label]}", strict=False))
