"""Every table nonpro has, gathered for Alembic: import each capability's models here."""

from __future__ import annotations

from sqlalchemy import MetaData

import nonpro.accounts.models
import nonpro.batch.models
import nonpro.cases.models
import nonpro.core.audit
import nonpro.denials.models
import nonpro.interagency.annex.models
import nonpro.interagency.models
import nonpro.multilateral.models
import nonpro.programs.models
import nonpro.registers.agreements.models
import nonpro.registers.arms.models
import nonpro.registers.files.models
import nonpro.registers.votes.models
import nonpro.reports.models
import nonpro.sanctions.models
import nonpro.screening.models
import nonpro.treaties.models
from nonpro.core.db import Base

# Imported for their side effect: each registers its tables on the one metadata.
_REGISTERED = (
    nonpro.accounts.models,
    nonpro.batch.models,
    nonpro.cases.models,
    nonpro.core.audit,
    nonpro.denials.models,
    nonpro.interagency.annex.models,
    nonpro.interagency.models,
    nonpro.multilateral.models,
    nonpro.programs.models,
    nonpro.registers.agreements.models,
    nonpro.registers.arms.models,
    nonpro.registers.files.models,
    nonpro.registers.votes.models,
    nonpro.reports.models,
    nonpro.sanctions.models,
    nonpro.screening.models,
    nonpro.treaties.models,
)

target_metadata: MetaData = Base.metadata
