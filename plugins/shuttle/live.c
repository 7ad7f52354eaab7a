/* Vehicles from the city data hub: FIWARE `Vehicle` entities in NGSI-LD keyValues form, as the
 * host's hub query delivers them. Tolerant of what it does not need, strict about what it uses:
 * an entity without a GeoJSON point location is skipped. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "shuttle.h"

/* keyValues gives plain values; a normalized entity gives {"type":"Property","value":…}. */
static json_t *value_of(json_t *entity, const char *key)
{
    json_t *v = json_object_get(entity, key);
    if (json_is_object(v) && json_object_get(v, "value"))
        v = json_object_get(v, "value");
    return v;
}

static double number_or(json_t *v, double dflt)
{
    return json_is_number(v) ? json_number_value(v) : dflt;
}

int sh_parse_vehicles(const char *json, size_t n_bytes, sh_vehicle *out, int max)
{
    json_error_t err;
    json_t *root = json_loadb(json ? json : "", json ? n_bytes : 0, 0, &err);
    if (!json_is_array(root)) {
        json_decref(root);
        return -1;
    }
    int n = 0;
    size_t i;
    json_t *e;
    json_array_foreach(root, i, e)
    {
        if (n >= max)
            break;
        if (!json_is_object(e))
            continue;
        json_t *loc = value_of(e, "location");
        json_t *coords = json_is_object(loc) ? json_object_get(loc, "coordinates") : NULL;
        json_t *type = json_is_object(loc) ? json_object_get(loc, "type") : NULL;
        if (!json_is_string(type) || strcmp(json_string_value(type), "Point") != 0 ||
            !json_is_array(coords) || json_array_size(coords) < 2)
            continue;
        double lon = number_or(json_array_get(coords, 0), NAN);
        double lat = number_or(json_array_get(coords, 1), NAN);
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
            continue;
        sh_vehicle *v = &out[n];
        memset(v, 0, sizeof *v);
        v->lat = lat;
        v->lon = lon;
        json_t *id = json_object_get(e, "id");
        snprintf(v->id, sizeof v->id, "%s", json_is_string(id) ? json_string_value(id) : "");
        json_t *name = value_of(e, "name");
        if (!json_is_string(name))
            name = value_of(e, "fleetVehicleId");
        if (!json_is_string(name))
            name = value_of(e, "vehiclePlateIdentifier");
        snprintf(v->name, sizeof v->name, "%s",
                 json_is_string(name) ? json_string_value(name) : "");
        v->heading_deg = number_or(value_of(e, "heading"), number_or(value_of(e, "bearing"), -1));
        v->speed_kmh = number_or(value_of(e, "speed"), -1);
        json_t *status = value_of(e, "serviceStatus");
        v->on_route = !json_is_string(status) || strcmp(json_string_value(status), "onRoute") == 0;
        double occ = number_or(value_of(e, "occupancy"), -1);
        v->occupancy_pct = occ >= 0 && occ <= 1    ? (int)lround(occ * 100)
                           : occ > 1 && occ <= 100 ? (int)lround(occ)
                                                   : -1;
        n++;
    }
    json_decref(root);
    return n;
}
