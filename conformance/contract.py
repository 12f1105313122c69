"""The machine-readable contract, Kestra's OpenAPI document, and the checks both test files apply.

The document lives outside this repository: ``../shared/kestra-ee-iam.openapi.yml`` relative to
the repository root (CI clones the repository with ``shared/`` beside it). Set
``CONFORMANCE_OPENAPI`` to use another copy.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import requests
import schemathesis
from schemathesis import APIOperation

REPO_ROOT = Path(__file__).resolve().parent.parent
OPENAPI = Path(os.environ.get("CONFORMANCE_OPENAPI") or REPO_ROOT.parent / "shared" / "kestra-ee-iam.openapi.yml")

# Error statuses every operation may answer although the document lists only some of them:
# Micronaut's JsonError codes that Kestra and its SDKs use (see kestra-api.md, "Errors").
# 405 and 5xx are deliberately absent.
KESTRA_ERROR_STATUSES = frozenset({400, 401, 403, 404, 409, 422})


class ContractViolation(AssertionError):
    """A response that contradicts the OpenAPI document or Kestra's error conventions."""


@lru_cache(maxsize=1)
def load_schema():
    if not OPENAPI.is_file():
        raise FileNotFoundError(
            f"the OpenAPI contract is missing at {OPENAPI}; clone `shared/` beside the repository "
            "or set CONFORMANCE_OPENAPI"
        )
    return schemathesis.openapi.from_path(str(OPENAPI))


@lru_cache(maxsize=1)
def _templates() -> list[tuple[re.Pattern, str, int]]:
    raw = load_schema().raw_schema
    templates = []
    for template in raw["paths"]:
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")
        literal_segments = sum(1 for s in template.split("/") if s and not s.startswith("{"))
        templates.append((pattern, template, literal_segments))
    # Literal segments win over parameters: `/groups/search` is not the group with id "search".
    templates.sort(key=lambda t: -t[2])
    return templates


def find_operation(method: str, path: str) -> Optional[APIOperation]:
    """The document's operation a request went to, or None when the document has none."""
    raw = load_schema().raw_schema
    for pattern, template, _ in _templates():
        if pattern.match(path) and method.lower() in raw["paths"][template]:
            return load_schema()[template][method.upper()]
    return None


def documented_statuses(operation: APIOperation) -> set[str]:
    return set(operation.definition.raw.get("responses", {}).keys())


def check_status(operation: APIOperation, status: int, method: Optional[str] = None) -> Optional[str]:
    """A success must carry a status the document names for the operation; an error must be one
    of Kestra's error statuses (or one the operation documents). A request with a method the
    path does not have (``method``, when a fuzzer probes) must get 405. Returns the problem."""
    if method is not None and method.upper() != operation.method.upper():
        return None if status == 405 else f"{method.upper()} on {operation.path} answered {status}, not 405"
    documented = documented_statuses(operation)
    if "default" in documented or str(status) in documented:
        return None
    if 200 <= status < 300:
        return f"answered {status}, but the document names {sorted(documented)} for {operation.label}"
    if status in KESTRA_ERROR_STATUSES:
        return None
    return f"answered {status}, which is neither documented for {operation.label} nor a Kestra error status"


def check_error_body(status: int, body: bytes) -> Optional[str]:
    """Errors carry Micronaut's JsonError: at least a string `message`."""
    if status < 400:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return f"error {status} without a JSON body: {body[:200]!r}"
    if not isinstance(data, dict) or not isinstance(data.get("message"), str):
        return f"error {status} body is not a JsonError with a `message`: {data!r}"
    return None


def validate(response: requests.Response) -> None:
    """Checks one real response against the document: status, schema of a success body, and the
    shape of an error body. Raises ContractViolation."""
    request = response.request
    path = requests.utils.urlparse(request.url).path
    operation = find_operation(request.method, path)
    if operation is None:
        return
    problems = [
        p
        for p in (check_status(operation, response.status_code), check_error_body(response.status_code, response.content))
        if p
    ]
    if 200 <= response.status_code < 300:
        try:
            operation.validate_response(response)
        except BaseException as error:  # a FailureGroup (an exception group) of failed checks
            if not hasattr(error, "exceptions") and not isinstance(error, AssertionError):
                raise
            for failure in getattr(error, "exceptions", [error]):
                problems.append(_first_lines(str(failure)))
    if problems:
        raise ContractViolation(f"{request.method} {path}: " + "; ".join(problems))


def _first_lines(text: str, limit: int = 4) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:limit])


def response_hook(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
    validate(response)
    return response
