"""The service section of the rules file: SLA warning share, first-time-fix window, and the
engineer each region's maintenance tickets go to."""

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from hub.quality.rules import RulesError, rules_text


@dataclass(frozen=True)
class ServiceRules:
    """How service tickets are judged and routed."""

    at_risk_share: float = 0.75
    first_time_fix_days: int = 30
    engineers: dict[str, str] = field(default_factory=dict)

    def engineer_for(self, region_code: str | None) -> str | None:
        """The engineer of the longest region prefix matching `region_code`, or None."""
        if not region_code:
            return None
        for length in range(len(region_code), 0, -1):
            if engineer := self.engineers.get(region_code[:length]):
                return engineer
        return None


def parse_service_rules(document: dict[str, Any]) -> ServiceRules:
    """ServiceRules from the decoded rules document (defaults where the file is silent)."""
    section = document.get("service", {})
    try:
        share = float(section.get("at_risk_share", 0.75))
        window = int(section.get("first_time_fix_days", 30))
        engineers = {str(k): str(v) for k, v in section.get("engineers", {}).items()}
    except (TypeError, ValueError, AttributeError) as error:
        raise RulesError(f"service: {error}") from error
    if not 0 < share < 1:
        raise RulesError("service.at_risk_share must be between 0 and 1")
    if window < 0:
        raise RulesError("service.first_time_fix_days cannot be negative")
    return ServiceRules(at_risk_share=share, first_time_fix_days=window, engineers=engineers)


@lru_cache(maxsize=8)
def _load(path: Path | None, modified: float) -> ServiceRules:
    try:
        return parse_service_rules(tomllib.loads(rules_text(path)))
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{path or 'rules.toml'}: {error}") from error


def load_service_rules(path: Path | None = None) -> ServiceRules:
    """The service rules in `path`, or the bundled ones; cached until the file changes."""
    try:
        modified = path.stat().st_mtime if path is not None else 0.0
    except OSError as error:
        raise RulesError(f"cannot read the rules file {path}: {error.strerror}") from error
    return _load(path, modified)


def current_service_rules() -> ServiceRules:
    """The service rules the running hub applies: HUB_RULES_FILE, or the bundled file."""
    from hub.config import get_settings

    return load_service_rules(get_settings().rules_file)
