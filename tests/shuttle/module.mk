# Scripted end-to-end runs of the shuttle plugin against the booking service and the hub double.
MD_TEST_SCRIPTS += tests/shuttle/run.sh
