# madang-report (tools/madang-report) against the hub test double loaded with sample data.
MD_TEST_SCRIPTS += tests/report/run.sh
