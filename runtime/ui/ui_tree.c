/* The semantic tree of the last completed frame: queries (count, node, hit test, focus, role
 * names) and its JSON form, which tests and madang-locale read.
 */
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "ui/ui.h"
#include "ui/ui_internal.h"

/* ---------------------------------------------------------------- tree queries */

int md_ui_node_count(const md_ui *ui)
{
    return ui->n_nodes;
}

const md_ui_node *md_ui_node_at(const md_ui *ui, int i)
{
    return i >= 0 && i < ui->n_nodes ? &ui->nodes[i] : NULL;
}

int md_ui_hit(const md_ui *ui, int x, int y)
{
    for (int i = ui->n_nodes - 1; i >= 0; i--) {
        const md_ui_node *n = &ui->nodes[i];
        if (n->focusable && md_ui_contains(n->rect, x, y))
            return i;
    }
    return -1;
}

int md_ui_focus_visible(const md_ui *ui)
{
    return ui->focus_visible;
}

int md_ui_focus(const md_ui *ui)
{
    return ui->focus;
}

const char *md_ui_role_name(md_ui_role role)
{
    static const char *const names[] = {"none",  "heading", "text",   "button", "tile", "listitem",
                                        "image", "qr",      "keypad", "dialog", "busy", "alert"};
    return role >= 0 && role <= MD_UI_ROLE_ALERT ? names[role] : "none";
}

static void json_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

int md_ui_write_tree_json(const md_ui *ui, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        md_log(MD_LOG_ERROR, "UI", "[%s] cannot write the tree", path);
        return -1;
    }
    fputs("[\n", f);
    for (int i = 0; i < ui->n_nodes; i++) {
        const md_ui_node *n = &ui->nodes[i];
        fputs("  {\"role\": ", f);
        json_str(f, md_ui_role_name(n->role));
        fputs(", \"label\": ", f);
        json_str(f, n->label);
        fputs(", \"msgid\": ", f);
        json_str(f, n->msgid);
        if (n->msgctxt) {
            fputs(", \"msgctxt\": ", f);
            json_str(f, n->msgctxt);
        }
        fputs(", \"lang\": ", f);
        json_str(f, n->lang);
        fprintf(f,
                ", \"rect\": {\"x\": %d, \"y\": %d, \"w\": %d, \"h\": %d}, \"focusable\": %s, "
                "\"enabled\": %s, \"visible\": %s, \"font_px\": %d, \"max_lines\": %d",
                n->rect.x, n->rect.y, n->rect.w, n->rect.h, n->focusable ? "true" : "false",
                n->enabled ? "true" : "false", n->visible ? "true" : "false", n->font_px,
                n->max_lines);
        if (n->text_w > 0) /* the width the label may wrap in; lint measures translations in it */
            fprintf(f, ", \"text_w\": %d", n->text_w);
        if (n->in_dialog)
            fputs(", \"in_dialog\": true", f);
        if (n->fg) /* the label's colour and visible part: the contrast lint reads the PNG there */
            fprintf(f, ", \"fg\": \"#%06x\", \"vis\": {\"x\": %d, \"y\": %d, \"w\": %d, \"h\": %d}",
                    (unsigned)(n->fg >> 8), n->vis.x, n->vis.y, n->vis.w, n->vis.h);
        fprintf(f, ", \"truncated\": %s", n->truncated ? "true" : "false");
        if (n->icon_px >= 0) /* a tile's icon as drawn (0: could not be drawn) */
            fprintf(f, ", \"icon_px\": %d", n->icon_px);
        fprintf(f, "}%s\n", i + 1 < ui->n_nodes ? "," : "");
    }
    fputs("]\n", f);
    if (fclose(f) != 0) {
        md_log(MD_LOG_ERROR, "UI", "[%s] write failed", path);
        return -1;
    }
    return 0;
}
