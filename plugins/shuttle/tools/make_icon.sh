#!/bin/sh
# Draws the shuttle plugin's tile icon (a pictogram made for the project) with ImageMagick:
#     sh plugins/shuttle/tools/make_icon.sh plugins/shuttle/content/icon.png
set -eu
out=${1:?usage: make_icon.sh OUT.png}
convert -size 512x512 xc:none \
    -fill '#1B7F5E' -draw 'circle 256,256 256,8' \
    -fill white -draw 'roundrectangle 106,150 406,350 40,40' \
    -fill '#1B7F5E' -draw 'roundrectangle 136,180 236,260 14,14' \
    -fill '#1B7F5E' -draw 'roundrectangle 276,180 376,260 14,14' \
    -fill white -draw 'circle 166,360 166,396' -fill white -draw 'circle 346,360 346,396' \
    -fill '#1B7F5E' -draw 'circle 166,360 166,376' -fill '#1B7F5E' -draw 'circle 346,360 346,376' \
    -fill white -draw 'rectangle 236,110 276,150' \
    -resize 128x128 -depth 8 -strip "$out"
