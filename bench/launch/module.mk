# md-launch: starts a program with the clock running from before exec and reports its points and
# the memory of its process tree (used by bench/run.sh for madang and the Chromium peer).
$(eval $(call md_program,md-launch,bench/launch/md_launch.c))
