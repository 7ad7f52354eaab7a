# runtime/speech: speech backends (espeak-ng as warm processes through SDL audio; a JSON log for
# headless tests) and the front that picks voices, recorded prompts and fallbacks.
MD_LIB_SRCS += runtime/speech/speech.c runtime/speech/speech_espeak.c runtime/speech/speech_log.c
