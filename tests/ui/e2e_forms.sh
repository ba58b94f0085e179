#!/bin/bash
# End-to-end: the record forms in a new administrator's hands.
#  1. Every record form at every text size (标准, 较大, 大, 特大) in the 1280×800 window keeps
#     its inputs and lists at least nine characters wide (at 特大 the form takes the page).
#  2. A message appearing under a field moves no field (the line is kept for it).
#  3. Esc after typing never drops the typing: it asks the same three-way question as leaving
#     the screen; "keep the draft" closes the form with the typed value kept; Esc on the
#     question stays.
#  4. A new teacher starts with the fields that feed a verdict unset, is refused until they are
#     chosen (Ctrl+S moves the keyboard to the first one), and is entered with the keyboard alone.
# Usage (under xvfb-run): e2e_forms.sh JUNHENG_BINARY SCREENSHOT_DIR
source "$(dirname "$0")/lib.sh"
begin_e2e "$@"
"$JUNHENG" --db "$DB" demo > /dev/null

# json_list FILE KEY → the numbers of the first array "KEY": [...] joined by spaces.
json_list() { tr -d ' \n' < "$1" | grep -o "\"$2\":\[[^]]*\]" | head -1 | sed -E 's/.*\[(.*)\]/\1/; s/,/ /g'; }
set_setting() { sqlite3 -batch "$DB" "INSERT OR REPLACE INTO settings (key, value) VALUES ('$1', '$2')"; }
draft_of() { sqlite3 -batch "$DB" "SELECT content FROM drafts WHERE key = '$1'"; }

# 1. Every form at every text size. Each screen opens its form for a new record on start
#    (JUNHENG_FORM names the record kind; a screen with tabs shows that tab).
forms="classes:class classes:grade_roll classes:cohort staff:staff training:training buildings:building buildings:room
       grounds:ground equipment:equipment funds:funds"
checked=0
for scale in 1 1.25 1.5 2; do
    set_setting font_scale "$scale"
    for pair in $forms; do
        screen=${pair%%:*} table=${pair#*:}
        state=$WORK/form-$scale-$table.json
        shot=$SHOTS/form-$table-x$scale.png
        JUNHENG_SCREEN=$screen JUNHENG_FORM=$table JUNHENG_STATE_OUT=$state "$JUNHENG" --db "$DB" --screenshot "$shot" \
            --quit-after-frames 6 || fail "$table form at text size $scale exited with status $?"
        [ "$(json_value "$state" form)" = "$table" ] || fail "text size $scale: the $table form did not open ($shot)"
        [ "$(identify -format '%wx%h' "$shot")" = 1280x800 ] || fail "$table (text size $scale): screenshot not 1280x800"
        px=$(json_value "$state" pixel_size)
        narrow=$(json_value "$state" narrowest_input)
        inputs=$(json_value "$state" inputs)
        [ "$inputs" -ge 1 ] || fail "$table form at text size $scale: no input measured"
        awk "BEGIN { exit !($narrow >= 9 * $px) }" ||
            fail "$table form at text size $scale: an input is $narrow px wide, under nine characters of $px px ($shot)"
        [ "$(json_value "$state" missing)" = "" ] || fail "$table form ($scale): no glyph for $(json_value "$state" missing)"
        checked=$((checked + 1))
    done
done
# At 特大 a form does not share the width with its table: it has the page.
width=$(json_value "$WORK/form-2-staff.json" form_width)
awk "BEGIN { exit !($width > 800) }" || fail "at 特大 the staff form should take the page, it is $width px wide"
width=$(json_value "$WORK/form-1-staff.json" form_width)
awk "BEGIN { exit !($width < 700) }" || fail "at 标准 the staff form should sit beside its table, it is $width px wide"

# 2. At 大, a class form untouched and one with a message more (a grade outside primary's 1–6)
#    keep the same distance between every two fields. The typed form is the draft reopened.
# gaps Y... → the distance from each field to the next.
gaps() { awk '{ for (i = 2; i <= NF; i++) printf "%s ", $i - $(i - 1) }' <<< "$1"; }
set_setting font_scale 1.5
JUNHENG_SCREEN=classes JUNHENG_FORM=class JUNHENG_STATE_OUT=$STATE "$JUNHENG" --db "$DB" --quit-after-frames 6 ||
    fail "class form exited with status $?"
rows_clean=$(json_list "$STATE" rows_y)
messages_clean=$(json_value "$STATE" messages)   # 学生数 0 has its own
start_app "$STATE" JUNHENG_SCREEN=classes JUNHENG_FORM=class -- --db "$DB"
type_text 9; sleep 0.5                      # 年级 9
quit_app keep-draft
JUNHENG_SCREEN=classes JUNHENG_FORM=class JUNHENG_STATE_OUT=$STATE "$JUNHENG" --db "$DB" --quit-after-frames 6 \
    --screenshot "$SHOTS/e2e-forms-2-messages.png" || fail "class form with its draft exited with status $?"
rows_typed=$(json_list "$STATE" rows_y)
messages=$(json_value "$STATE" messages)
[ "$messages" -gt "$messages_clean" ] || fail "the grade 9 should add a message to the $messages_clean shown, $messages are"
[ -n "$rows_clean" ] && [ "$(gaps "$rows_clean")" = "$(gaps "$rows_typed")" ] ||
    fail "fields moved when a message appeared: [$rows_clean] → [$rows_typed] (e2e-forms-2-messages.png)"
sqlite3 -batch "$DB" "DELETE FROM drafts"
set_setting font_scale 1

# 3. Esc on a class form with 14 typed as its pupils asks first; "keep the draft" (Enter)
#    closes the form and keeps the 14; nothing is asked on quitting after that.
start_app "$STATE" JUNHENG_SCREEN=classes -- --db "$DB"
shortcut n; sleep 0.5
type_text 3; key Tab
type_text 7; key Tab
type_text 14; sleep 0.5
key Escape; sleep 0.5
import -window root "$SHOTS/e2e-forms-3-esc-asks.png"
key Return; sleep 0.5
import -window root "$SHOTS/e2e-forms-3-kept.png"
quit_app                                    # no question: the form is closed
[ "$(json_value "$STATE" form)" = "" ] || fail "Esc then Enter (keep the draft) should close the form (e2e-forms-3-esc-asks.png)"
draft=$(draft_of form:class)
[[ "$draft" == *'"pupils":"14"'* ]] || fail "Esc dropped the 14 typed: the draft holds $draft"
[[ "$draft" == *'"grade":"3"'* ]] || fail "the draft lost the grade: $draft"
[ "$(sqlite3 -batch "$DB" 'SELECT count(*) FROM class WHERE grade = 3 AND number = 7')" = 0 ] ||
    fail "keeping a draft must not save the class"
# The kept draft comes back when the form for a new class is opened; Esc asks, Esc on the
# question stays (the form still open: Esc asks again), Enter keeps the draft and closes.
start_app "$STATE" JUNHENG_SCREEN=classes JUNHENG_FORM=class -- --db "$DB"
key Escape; sleep 0.5
key Escape; sleep 0.5
import -window root "$SHOTS/e2e-forms-3-stayed.png"
key Escape; sleep 0.5
key Return; sleep 0.5
quit_app                                    # no question: the form is closed
[ "$(json_value "$STATE" form)" = "" ] || fail "Esc, Esc (stay), Esc, Enter (keep) should close the form (e2e-forms-3-stayed.png)"
[[ "$(draft_of form:class)" == *'"pupils":"14"'* ]] || fail "the kept draft lost the 14: $(draft_of form:class)"
sqlite3 -batch "$DB" "DELETE FROM drafts"

# 4. A new teacher: the fields that feed a verdict start unset; Ctrl+S with only the name
#    saves nothing and gives the keyboard to the first of them (性别), where ↓ chooses 男.
JUNHENG_SCREEN=staff JUNHENG_FORM=staff JUNHENG_STATE_OUT=$STATE "$JUNHENG" --db "$DB" --quit-after-frames 6 \
    --screenshot "$SHOTS/e2e-forms-4-unset.png" || fail "new staff form exited with status $?"
unset_fields=$(tr -d ' \n' < "$STATE" | grep -o '"unset":\[[^]]*\]' | head -1)
for field in gender birth_year stage category education backbone pe music art certified rotation_eligible rotation; do
    [[ "$unset_fields" == *"\"$field\""* ]] || fail "a new teacher's $field should start unset: $unset_fields"
done
sqlite3 -batch "$DB" "DELETE FROM drafts"
staff_before=$(sqlite3 -batch "$DB" 'SELECT count(*) FROM staff')
start_app "$STATE" JUNHENG_SCREEN=staff -- --db "$DB"
shortcut n; sleep 0.5
type_text 'Luo Sheng'; sleep 0.3
shortcut s; sleep 0.5
key Down
import -window root "$SHOTS/e2e-forms-4-refused.png"
quit_app keep-draft
[ "$(sqlite3 -batch "$DB" 'SELECT count(*) FROM staff')" = "$staff_before" ] || fail "an unfinished teacher was saved"
draft=$(draft_of form:staff)
[[ "$draft" == *'"gender":"male"'* ]] || fail "Ctrl+S did not move the keyboard to 性别 (↓ there chooses 男): $draft"
[[ "$draft" == *'"unset":['*'"certified"'* ]] || fail "the draft does not keep the unset fields: $draft"
[[ "$draft" != *'"unset":["gender"'* ]] || fail "性别 chosen is still unset in the draft: $draft"

# The draft comes back with the name; the rest by keyboard alone: Tab between every field,
# arrows in lists, ←/→ for yes/no, Space opens a list and picks in it, Enter saves.
start_app "$STATE" JUNHENG_SCREEN=staff JUNHENG_FORM=staff -- --db "$DB"
key Tab Tab                           # 性别 chosen already
type_text 1986; key Tab               # 出生年份
key Down Down Tab                     # 任教学段: （无）→ 小学
key Down Tab                          # 岗位类别: 专任教师
key space Down space Tab              # 最高学历, from its list: 研究生 → 本科
key Tab                               # 专业技术职务 as it is
type_text 'math'; key Tab             # 任教学科
key Right Tab Left Tab Right Tab      # 体育 否, 音乐 是, 美术 否
key Down Down Down Down Down Tab      # 骨干教师级别: 无 → 县级
type_text 2021; key Tab               # 骨干认定年份
key Left Tab                          # 教师资格证: 是
key Right Tab                         # 应交流轮岗: 否
key Down                              # 本年交流: 未交流
import -window root "$SHOTS/e2e-forms-4-keyboard.png"
key Return
for i in $(seq 1 50); do
    [ "$(sqlite3 -batch "$DB" "SELECT count(*) FROM staff WHERE name = 'Luo Sheng'")" = 1 ] && break
    sleep 0.2
done
quit_app
row=$(sqlite3 -batch "$DB" "SELECT gender, birth_year, stage, category, education, subject, pe, music, art, backbone,
                                   backbone_year, certified, rotation_eligible, rotation FROM staff WHERE name = 'Luo Sheng'")
[ "$row" = "male|1986|primary|full_time|bachelor|math|0|1|0|county|2021|1|0|none" ] ||
    fail "the teacher entered by keyboard was saved as [$row] (e2e-forms-4-keyboard.png)"
[ -z "$(draft_of form:staff)" ] || fail "the saved teacher's draft was not cleared"
echo "ok: $checked forms × text sizes keep inputs ≥ 9 characters; messages move no field; Esc asks and keeps 14;" \
     "a new teacher is asked, not assumed, and entered by keyboard alone"
