# The booking service against a real, throwaway PostgreSQL cluster (backend/booking).
$(eval $(call md_program,bk-load,tests/booking/load.c))
MD_TEST_SCRIPTS += tests/booking/run.sh
