/* Unit tests for runtime/app: touch coordinates follow a rotated picture. */
#include "app/app.h"
#include "check.h"

/* The UI's corners must land on the window corners the rotated picture puts them at. */
static void test_rotation_maps_corners(void)
{
    int lx = 0, ly = 0;
    /* 90: UI 1920x1080 shown in a 1080x1920 window. UI top-left is the window's top-right. */
    md_app_window_to_ui(90, 1080, 1920, 1079, 0, &lx, &ly);
    CHECK_INT(lx, 0);
    CHECK_INT(ly, 0);
    md_app_window_to_ui(90, 1080, 1920, 0, 1919, &lx, &ly); /* window bottom-left */
    CHECK_INT(lx, 1919);
    CHECK_INT(ly, 1079);
    md_app_window_to_ui(90, 1080, 1920, 1079, 1919, &lx, &ly); /* window bottom-right */
    CHECK_INT(lx, 1919);
    CHECK_INT(ly, 0);
    md_app_window_to_ui(180, 1920, 1080, 0, 0, &lx, &ly);
    CHECK_INT(lx, 1919);
    CHECK_INT(ly, 1079);
    /* 270: UI top-left is the window's bottom-left. */
    md_app_window_to_ui(270, 1080, 1920, 0, 1919, &lx, &ly);
    CHECK_INT(lx, 0);
    CHECK_INT(ly, 0);
    md_app_window_to_ui(270, 1080, 1920, 1079, 0, &lx, &ly);
    CHECK_INT(lx, 1919);
    CHECK_INT(ly, 1079);
    md_app_window_to_ui(0, 1920, 1080, 12, 34, &lx, &ly);
    CHECK_INT(lx, 12);
    CHECK_INT(ly, 34);
}

int main(void)
{
    RUN(test_rotation_maps_corners);
    return check_summary();
}
