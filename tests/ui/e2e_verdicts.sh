#!/bin/bash
# End-to-end: the verdicts a new administrator sees (issue 13, items 1 and 2).
#  1. Four classes of a stage (13 + 12 + 11 + 11 = 47 pupils) and a roll for grade 1 only (13,
#     to record its 8 left-behind children): the overview counts 47 pupils, says grade 1 comes
#     from its roll and grades 2–4 from their classes, and the classes screen and the overview
#     point out the grades still without a roll.
#  2. A 教学点 under 50 pupils is outside the resource evaluation: the verdict says the figures
#     are for reference only, and no card is drawn red.
# Usage (under xvfb-run): e2e_verdicts.sh JUNHENG_BINARY SCREENSHOT_DIR
source "$(dirname "$0")/lib.sh"
begin_e2e "$@"

# --- 1. pupils counted grade by grade ------------------------------------------------------
"$JUNHENG" --db "$DB" init --code 3607260101 --name 赣县白鹭小学 --county 360721 --type primary \
    --location rural --year 2026 > /dev/null
printf '编号,学年,学段,年级,班号,学生数\n,2026,小学,1,1,13\n,2026,小学,2,1,12\n,2026,小学,3,1,11\n,2026,小学,4,1,11\n' > "$WORK/班级.csv"
printf '编号,学年,学段,年级,在籍学生数,随迁子女,留守儿童,随班就读残疾学生,其他残疾学生\n,2026,小学,1,13,0,8,0,0\n' > "$WORK/年级学籍.csv"
"$JUNHENG" --db "$DB" import "$WORK/班级.csv" "$WORK/年级学籍.csv" > /dev/null || fail "import of classes and roll failed"

for screen in overview classes; do
    JUNHENG_SCREEN=$screen JUNHENG_STATE_OUT=$STATE \
        "$JUNHENG" --db "$DB" --screenshot "$SHOTS/e2e-pupils-$screen.png" --quit-after-frames 4 || fail "$screen exited with $?"
    [ "$(json_value "$STATE" missing)" = "" ] || fail "$screen: no glyph for $(json_value "$STATE" missing)"
done
grep -q '"pupils": 47' "$STATE" || fail "the overview should count 47 pupils (13 from the roll, 34 from classes): $(grep -m1 '"pupils"' "$STATE")"
grep -q '"primary": "grades 1 from their rolls, grades 2, 3, 4 from their classes (no roll yet)"' "$STATE" \
    || fail "the overview should say where the pupil count comes from"
grep -q '"rolls_missing": "No grade roll yet for primary grades 2, 3, 4' "$STATE" || fail "grades without a roll not pointed out"

# --- 2. a teaching point under 50 pupils: reference only -----------------------------------
DB2=$WORK/point.db
"$JUNHENG" --db "$DB2" init --code 3607260102 --name 白鹭村教学点 --county 360721 --type teaching_point \
    --location rural --central-school 3607260101 --year 2026 > /dev/null
printf '编号,学年,学段,年级,班号,学生数\n,2026,小学,1,1,9\n,2026,小学,2,1,8\n' > "$WORK/班级.csv"
"$JUNHENG" --db "$DB2" import "$WORK/班级.csv" > /dev/null || fail "import of the point's classes failed"
JUNHENG_SCREEN=overview JUNHENG_STATE_OUT=$STATE \
    "$JUNHENG" --db "$DB2" --screenshot "$SHOTS/e2e-teaching-point.png" --quit-after-frames 4 || fail "overview exited with $?"
grep -q '"reference_only": true' "$STATE" || fail "a teaching point under 50 pupils should see its figures as reference only"
red=$(convert "$SHOTS/e2e-teaching-point.png" -format %c histogram:info:- | awk -F: 'toupper($0) ~ /#C72929/ {s+=$1} END {print s+0}')
[ "$red" -lt 50 ] || fail "the exempt teaching point is drawn red ($red red pixels)"
echo "ok: 47 pupils counted grade by grade, grades without a roll named; teaching point shown as reference ($red red px)"
