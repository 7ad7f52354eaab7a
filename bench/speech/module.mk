# bench-speech: latency from a keypad focus change to the first audible sample handed to the audio
# device, through the real espeak-ng processes (warm) and SDL audio (dummy driver).
$(eval $(call md_program,bench-speech,bench/speech/bench_speech.c))
MD_BENCHES += $(BUILD)/bin/bench-speech
