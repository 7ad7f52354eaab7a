# `make bench`: the courseware's learner simulation (questions to master a deck with the adaptive
# selector, a fixed order and random picks, under two learner models). Figures only.
$(eval $(call md_program,bench-courseware,bench/courseware/bench_course.c))
MD_BENCHES += $(BUILD)/bin/bench-courseware
