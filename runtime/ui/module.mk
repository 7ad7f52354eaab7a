MD_LIB_SRCS += runtime/ui/ui.c runtime/ui/ui_widgets.c runtime/ui/ui_tree.c runtime/ui/ui_render_sdl.c
