"""The follow-up and operator-training rules: the [follow_up] and [training] sections of the
rules file (HUB_RULES_FILE or the bundled rules.toml)."""

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from hub.db.enums import DeviceClass
from hub.quality.rules import RulesError, rules_text


class GateMode(StrEnum):
    """What a training gap does at the dock: warn and ship, or refuse."""

    WARN = "WARN"
    DENY = "DENY"


@dataclass(frozen=True)
class FollowUpRules:
    """When a customer needs our attention."""

    key_account_grades: frozenset[str]
    key_account_tags: frozenset[str]
    key_account_quiet_days: int
    complaint_answer_days: int

    def is_key_account(self, grade: str | None, tags: list[str] | None) -> bool:
        """True for an institution of a key-account grade or with a key-account tag."""
        return grade in self.key_account_grades or bool(self.key_account_tags & set(tags or []))


@dataclass(frozen=True)
class TrainingRules:
    """Which device models need a trained operator, and what a gap does at the dock."""

    gate: GateMode
    device_classes: frozenset[DeviceClass]
    categories: tuple[str, ...]

    def requires_trained_operator(
        self, device_class: DeviceClass | None, category_code: str | None
    ) -> bool:
        """True when a model of this class and category needs a trained operator."""
        if device_class in self.device_classes:
            return True
        return category_code is not None and category_code.startswith(self.categories)


@dataclass(frozen=True)
class CustomerRules:
    follow_up: FollowUpRules
    training: TrainingRules


def _days(section: dict[str, Any], key: str, default: int) -> int:
    value = section.get(key, default)
    if not isinstance(value, int) or value < 0:
        raise RulesError(f"{key} must be a whole number of days, not {value!r}.")
    return value


def parse_customer_rules(document: dict[str, Any]) -> CustomerRules:
    """The follow-up and training rules of a decoded rules document."""
    follow_up = document.get("follow_up", {})
    training = document.get("training", {})
    try:
        return CustomerRules(
            follow_up=FollowUpRules(
                key_account_grades=frozenset(follow_up.get("key_account_grades", [])),
                key_account_tags=frozenset(follow_up.get("key_account_tags", [])),
                key_account_quiet_days=_days(follow_up, "key_account_quiet_days", 45),
                complaint_answer_days=_days(follow_up, "complaint_answer_days", 3),
            ),
            training=TrainingRules(
                gate=GateMode(training.get("gate", GateMode.WARN.value)),
                device_classes=frozenset(
                    DeviceClass(value) for value in training.get("device_classes", [])
                ),
                categories=tuple(str(code) for code in training.get("categories", [])),
            ),
        )
    except (ValueError, TypeError, AttributeError) as error:
        if isinstance(error, RulesError):
            raise
        raise RulesError(f"[follow_up] or [training]: {error}") from error


@lru_cache(maxsize=8)
def _load(path: Path | None, modified: float) -> CustomerRules:
    # `modified` is part of the cache key, so an edited file is read again.
    try:
        return parse_customer_rules(tomllib.loads(rules_text(path)))
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{path or 'rules.toml'}: {error}") from error


def load_customer_rules(path: Path | None = None) -> CustomerRules:
    """The follow-up and training rules in `path`, or the bundled ones."""
    try:
        modified = path.stat().st_mtime if path is not None else 0.0
    except OSError as error:
        raise RulesError(f"cannot read the rules file {path}: {error.strerror}") from error
    return _load(path, modified)


def current_customer_rules() -> CustomerRules:
    """The rules the running hub enforces: HUB_RULES_FILE, or the bundled file."""
    from hub.config import get_settings

    return load_customer_rules(get_settings().rules_file)
