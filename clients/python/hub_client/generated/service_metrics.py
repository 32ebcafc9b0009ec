from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class ServiceMetrics(BaseModel):
    service_metrics: list["ServiceMetricsServiceMetrics"] = Field(
        alias="serviceMetrics"
    )


class ServiceMetricsServiceMetrics(BaseModel):
    key: Optional[str]
    label: Optional[str]
    opened: int
    resolved: int
    mean_response_hours: Optional[float] = Field(alias="meanResponseHours")
    p_90_response_hours: Optional[float] = Field(alias="p90ResponseHours")
    mean_resolution_hours: Optional[float] = Field(alias="meanResolutionHours")
    p_90_resolution_hours: Optional[float] = Field(alias="p90ResolutionHours")
    first_time_fixes: int = Field(alias="firstTimeFixes")
    first_time_fix_rate: Optional[float] = Field(alias="firstTimeFixRate")
    sla_measured: int = Field(alias="slaMeasured")
    sla_met: int = Field(alias="slaMet")
    sla_attainment: Optional[float] = Field(alias="slaAttainment")
    repeat_failures: int = Field(alias="repeatFailures")
    satisfaction_responses: int = Field(alias="satisfactionResponses")
    mean_satisfaction: Optional[float] = Field(alias="meanSatisfaction")


ServiceMetrics.model_rebuild()
