#!/bin/sh
# Draws the menu plugin's icons (the 19 allergen entries, the diet marks, the tile) and the sample
# photos of restaurants and dishes with ImageMagick primitives: made for the project, nothing
# copied. Small palette PNGs. Run it after changing a drawing:
#     sh plugins/menu/tools/make_images.sh
set -eu
dir=$(cd "$(dirname "$0")/.." && pwd)
I="$dir/content/icons"
P="$dir/content/photos"
mkdir -p "$I" "$P"
S=96 # icon side in pixels
icon() { # name, then convert drawing arguments on a transparent square
    name=$1; shift
    convert -size ${S}x${S} xc:none -strokewidth 3 "$@" -colors 32 -strip "PNG8:$I/$name.png"
}
# A diet mark "no X": the drawing, then a red ring with a slash over it.
noicon() {
    name=$1; shift
    icon "$name" "$@" -fill none -stroke '#C62828' -strokewidth 7 -draw 'circle 48,48 48,8' \
        -draw 'line 20,20 76,76'
}

icon allergen-egg -fill '#FFFDF5' -stroke '#8D6E2B' -draw 'ellipse 48,52 26,34 0,360'
icon allergen-milk -fill '#FFFFFF' -stroke '#1E5AA8' -draw 'polygon 30,30 48,14 66,30 66,84 30,84' \
    -fill '#1E5AA8' -stroke none -draw 'rectangle 33,48 63,60'
icon allergen-buckwheat -fill '#8D6E4B' -stroke '#4E3A24' -draw 'polygon 48,14 78,74 18,74' \
    -fill '#C9A77C' -stroke none -draw 'polygon 48,30 64,66 32,66'
icon allergen-peanut -fill '#D9A86C' -stroke '#7A5024' -draw 'circle 48,32 48,12' \
    -draw 'circle 48,66 48,44' -fill '#D9A86C' -stroke none -draw 'rectangle 36,40 60,56'
icon allergen-soybean -fill '#9CCC65' -stroke '#4E7D24' -draw 'roundrectangle 14,34 82,62 14,14' \
    -fill '#E6EE9C' -draw 'circle 30,48 30,40' -draw 'circle 48,48 48,40' -draw 'circle 66,48 66,40'
icon allergen-wheat -fill none -stroke '#8D6E2B' -strokewidth 4 -draw 'line 48,88 48,14' \
    -fill '#E0B14A' -stroke '#8D6E2B' -strokewidth 2 \
    -draw 'ellipse 38,28 7,11 -30,330' -draw 'ellipse 58,28 7,11 -30,330' \
    -draw 'ellipse 38,48 7,11 0,360' -draw 'ellipse 58,48 7,11 0,360' \
    -draw 'ellipse 38,68 7,11 0,360' -draw 'ellipse 58,68 7,11 0,360'
icon allergen-mackerel -fill '#4F7FA8' -stroke '#1F3F5F' -draw 'ellipse 42,48 30,16 0,360' \
    -draw 'polygon 70,48 90,32 90,64' -fill none -stroke '#1F3F5F' -draw 'line 30,38 36,46' \
    -draw 'line 40,36 46,44' -draw 'line 50,36 56,44' -fill '#FFFFFF' -draw 'circle 24,46 24,42'
icon allergen-crab -fill none -stroke '#B23A2A' -strokewidth 4 -draw 'line 20,60 8,74' \
    -draw 'line 76,60 88,74' -draw 'line 22,52 8,56' -draw 'line 74,52 88,56' \
    -draw 'line 30,36 22,18' -draw 'line 66,36 74,18' -fill '#E0533D' -stroke '#8A2A1E' -strokewidth 3 \
    -draw 'ellipse 48,54 28,18 0,360' -draw 'circle 22,16 22,8' -draw 'circle 74,16 74,8'
icon allergen-shrimp -fill none -stroke '#F08A4B' -strokewidth 14 -draw 'arc 18,18 78,78 200,480' \
    -stroke '#A8501E' -strokewidth 3 -draw 'line 22,66 10,80' -draw 'line 22,66 26,84'
icon allergen-pork -fill '#F6A5C0' -stroke '#A04068' -draw 'polygon 20,30 30,10 40,28' \
    -draw 'polygon 56,28 66,10 76,30' -draw 'circle 48,54 48,20' -fill '#F9C6D6' \
    -draw 'ellipse 48,62 14,10 0,360' -fill '#A04068' -stroke none -draw 'circle 43,62 43,59' \
    -draw 'circle 53,62 53,59' -draw 'circle 36,44 36,41' -draw 'circle 60,44 60,41'
icon allergen-peach -fill '#FFB38A' -stroke '#C0643A' -draw 'circle 48,54 48,22' \
    -fill none -draw 'arc 40,24 56,84 80,280' -fill '#6AA84F' -stroke '#3C6E2A' \
    -draw 'ellipse 60,20 12,6 -30,330'
icon allergen-tomato -fill '#E53935' -stroke '#8E1B18' -draw 'circle 48,54 48,22' \
    -fill '#43A047' -stroke '#1B5E20' -draw 'polygon 48,18 54,28 66,26 56,34 60,44 48,36 36,44 40,34 30,26 42,28'
icon allergen-sulfites -fill '#B39DDB' -stroke '#4A3A7A' -draw 'polygon 40,10 56,10 56,30 70,48 70,86 26,86 26,48 40,30' \
    -fill '#4A3A7A' -stroke none -draw 'rectangle 30,56 66,72'
icon allergen-walnut -fill '#A47148' -stroke '#5A3A20' -draw 'ellipse 48,50 30,34 0,360' \
    -fill none -strokewidth 3 -draw 'line 48,18 48,84' \
    -draw 'bezier 30,34 40,28 36,46 30,50' -draw 'bezier 66,34 56,28 60,46 66,50' \
    -draw 'bezier 30,62 40,58 36,74 32,76' -draw 'bezier 66,62 56,58 60,74 64,76'
icon allergen-chicken -fill '#F0F0F0' -stroke '#7A7A7A' -strokewidth 8 -draw 'line 60,62 80,82' \
    -fill '#F0F0F0' -strokewidth 3 -draw 'circle 80,82 80,76' -draw 'circle 86,76 86,71' \
    -fill '#D98E3A' -stroke '#8A5118' -draw 'ellipse 40,40 26,22 40,400'
icon allergen-beef -fill '#C0392B' -stroke '#6E1E16' -draw 'ellipse 48,50 36,26 0,360' \
    -fill '#FBEFE8' -stroke none -draw 'ellipse 36,44 10,7 0,360' -fill none -stroke '#FBEFE8' \
    -strokewidth 3 -draw 'bezier 50,30 60,44 62,58 74,62'
icon allergen-squid -fill '#9FA8DA' -stroke '#303F9F' -draw 'polygon 48,6 68,44 28,44' \
    -draw 'ellipse 48,50 18,10 0,360' -fill none -strokewidth 4 -draw 'line 36,56 28,88' \
    -draw 'line 44,58 42,90' -draw 'line 52,58 54,90' -draw 'line 60,56 68,88'
icon allergen-shellfish -fill '#F7D9B5' -stroke '#8A6236' -draw 'path "M 12,70 A 36,36 0 0 1 84,70 Z"' \
    -fill none -draw 'line 48,70 48,34' -draw 'line 48,70 26,42' -draw 'line 48,70 70,42' \
    -draw 'line 48,70 16,60' -draw 'line 48,70 80,60' -fill '#F7D9B5' -draw 'rectangle 40,70 56,82'
icon allergen-pine-nut -fill '#F3E2B8' -stroke '#8A6E36' -draw 'ellipse 32,50 10,20 -20,340' \
    -draw 'ellipse 56,46 10,20 20,380' -draw 'ellipse 70,66 9,17 50,410'
# Diet marks
noicon diet-no-pork -fill '#F6A5C0' -stroke '#A04068' -draw 'circle 48,50 48,24' \
    -fill '#F9C6D6' -draw 'ellipse 48,56 11,8 0,360'
noicon diet-no-beef -fill '#C0392B' -stroke '#6E1E16' -draw 'ellipse 48,50 26,18 0,360'
noicon diet-no-alcohol -fill '#8E6CC0' -stroke '#3E2A66' \
    -draw 'polygon 42,16 54,16 54,34 64,46 64,82 32,82 32,46 42,34'
icon diet-halal -fill '#2E7D32' -stroke '#1B5E20' -draw 'circle 48,48 48,8' \
    -fill '#FFFFFF' -stroke none -draw 'circle 42,48 42,24' -fill '#2E7D32' -draw 'circle 50,44 50,24' \
    -fill '#FFFFFF' -draw 'polygon 66,30 69,40 79,40 71,46 74,56 66,50 58,56 61,46 53,40 63,40'
icon diet-vegetarian -fill '#66BB6A' -stroke '#2E7D32' -draw 'path "M 20,78 C 20,30 60,14 80,16 C 82,40 66,78 20,78 Z"' \
    -fill none -draw 'line 22,76 62,36'
icon diet-vegan -fill '#43A047' -stroke '#1B5E20' -draw 'path "M 48,84 C 14,60 20,26 46,14 C 50,40 56,60 48,84 Z"' \
    -draw 'path "M 50,84 C 82,66 82,34 64,20 C 58,44 52,62 50,84 Z"'
icon diet-pescatarian -fill '#4FC3F7' -stroke '#01579B' -draw 'ellipse 42,48 28,16 0,360' \
    -draw 'polygon 68,48 88,32 88,64' -fill '#FFFFFF' -draw 'circle 26,46 26,42'
# The tile: a bowl with chopsticks.
icon menu -fill none -stroke '#5D4037' -strokewidth 5 -draw 'line 58,10 40,52' -draw 'line 70,12 50,52' \
    -fill '#E65100' -stroke '#8A3000' -strokewidth 3 -draw 'path "M 12,50 L 84,50 C 84,74 68,86 48,86 C 28,86 12,74 12,50 Z"' \
    -fill '#FFF3E0' -stroke none -draw 'ellipse 48,50 34,6 0,360'
echo "icons: $(ls "$I" | wc -l) files"

# Photos: a storefront per restaurant (awning colour, sign), a dish on a plate per dish (colours
# from its id). 240x150, 16 colours.
photo() { # file, then convert drawing arguments
    f=$1; shift
    convert -size 240x150 "$@" -colors 16 -strip "PNG8:$P/$f.png"
}
store() { # id, wall, awning
    photo "$1" xc:"$2" -fill '#5D4037' -draw 'rectangle 0,120 240,150' \
        -fill "$3" -draw 'polygon 10,30 230,30 220,60 20,60' \
        -fill '#FFFFFF' -draw 'rectangle 30,70 110,118' -fill '#90CAF9' -draw 'rectangle 34,74 106,114' \
        -fill '#6D4C41' -draw 'rectangle 140,70 200,120' -fill "$3" -draw 'rectangle 60,8 180,26'
}
store korean-home '#F5E6C8' '#2E7D32'
store chinese-hall '#F8E0D0' '#C62828'
store pho-saigon '#FFF3C4' '#F9A825'
store samarkand '#E3F2FD' '#1565C0'
store himalaya '#FCE4EC' '#AD1457'
store halal-kitchen '#E8F5E9' '#1B5E20'
# Dishes: hash the id into two colours (sauce and topping).
n=0
for id in $(sed -n 's/.*"photo": "photos\/\([a-z0-9-]*\)\.png".*/\1/p' "$dir/content/menu.json" | sort -u); do
    case " korean-home chinese-hall pho-saigon samarkand himalaya halal-kitchen " in *" $id "*) continue ;; esac
    h=$(printf '%s' "$id" | md5sum | cut -c1-12)
    c1="#$(echo "$h" | cut -c1-6)"; c2="#$(echo "$h" | cut -c7-12)"
    photo "$id" xc:'#EFE7DA' -fill '#FFFFFF' -stroke '#BDB5A8' -strokewidth 3 \
        -draw 'ellipse 120,80 96,58 0,360' -stroke none -fill "$c1" -draw 'ellipse 120,78 64,38 0,360' \
        -fill "$c2" -draw 'circle 100,70 100,58' -draw 'circle 140,84 140,74' -draw 'circle 124,62 124,54'
    n=$((n+1))
done
echo "photos: $n dishes"
