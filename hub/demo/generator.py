"""Draws the whole demo data set from one seeded random generator."""

import random
from datetime import date

from hub.demo import channel
from hub.demo.certificates import certificates
from hub.demo.contracts import contracts
from hub.demo.credit import credit_plans
from hub.demo.institutions import institutions
from hub.demo.people import contacts
from hub.demo.plan import DemoPlan
from hub.demo.products import catalogue, devices
from hub.demo.service import service_operations
from hub.demo.tickets import tickets

DEMO_SEED = 2017_104  # the 2017 classification catalogue's announcement, No. 104
"""The seed `hub demo` uses."""


def generate(today: date, seed: int = DEMO_SEED) -> DemoPlan:
    """The demo data set; the same seed and day always give the same data.

    Names, codes and identifiers depend on the seed only; dates are drawn relative to `today`,
    so that "expires within 90 days" is true whenever the demo is loaded.
    """
    rng = random.Random(seed)
    originals, duplicates = institutions(rng)
    people = contacts(rng, originals, duplicates)
    models, batches = catalogue(rng, today)
    units = devices(rng, today, batches, originals)
    plan = DemoPlan(
        institutions=originals + duplicates,
        contacts=people,
        models=models,
        batches=batches,
        devices=units,
        contracts=contracts(rng, today, units, originals),
        certificates=certificates(rng, today, originals, people),
        tickets=tickets(rng, today, units, people),
        letters=channel.letters(today, originals, models),
        loans=channel.loans(today, originals, units),
        credit=credit_plans(today, originals),
    )
    # Its own generator, so that the service history leaves the rest of the demo unchanged.
    service_rng = random.Random(f"{seed}:service")
    plan.service = service_operations(service_rng, today, models, units, plan.contracts)
    return plan
