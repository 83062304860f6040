"""Every table nonpro has, gathered for Alembic: import each capability's models here."""

from __future__ import annotations

from sqlalchemy import MetaData

import nonpro.accounts.models
import nonpro.core.audit
from nonpro.core.db import Base

_ = nonpro.accounts.models

target_metadata: MetaData = Base.metadata
