"""The shipping dock: gates a shipment passes besides qualification (loans, channel, credit)."""
