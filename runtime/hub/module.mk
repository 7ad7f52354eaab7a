# runtime/hub: the city data hub client (NGSI-LD, KETI dialect), usage counters, publisher.
MD_LIB_SRCS += runtime/hub/hub.c runtime/hub/ngsi.c runtime/hub/usage.c
MD_LDLIBS += -ljansson
