from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import LinkStatus


class AuthorisationChain(BaseModel):
    authorisation_chain: "AuthorisationChainAuthorisationChain" = Field(
        alias="authorisationChain"
    )


class AuthorisationChainAuthorisationChain(BaseModel):
    complete: bool
    links: list["AuthorisationChainAuthorisationChainLinks"]
    broken_link: Optional["AuthorisationChainAuthorisationChainBrokenLink"] = Field(
        alias="brokenLink"
    )


class AuthorisationChainAuthorisationChainLinks(BaseModel):
    position: int
    status: LinkStatus
    message: str


class AuthorisationChainAuthorisationChainBrokenLink(BaseModel):
    position: int
    status: LinkStatus
    message: str


AuthorisationChain.model_rebuild()
AuthorisationChainAuthorisationChain.model_rebuild()
