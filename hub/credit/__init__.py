"""Credit control: the credit rules, the standing derived from them, and the dock's credit gate."""
