// The frame around the screens: navigation on the left, school / year / operator / undo on
// top, status and sync line at the bottom; first-run setup and the PIN lock take the whole
// window when due; F1 opens the user guide's page for what is on view beside it. Owns the screens and guards leaving one with unsaved edits.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/help_panel.hpp"
#include "ui/screens/screen.hpp"

namespace jh::ui {

// The top bar's undo button: "撤销：修改班级 (Ctrl+Z)" / "Undo: classes edited (Ctrl+Z)".
std::string undo_label(const Model& m, std::string_view change);

// The status bar's sync words: "待同步 3" / "已同步" / "未注册" / "无法连接，稍后重试" / "同步已停止".
std::string sync_status_text(const Model& m);

// The status bar's review words for the year on view: "已退回" / "已通过" / "已重新开放" / "待审核"
// ("" when the year was never submitted).
std::string review_status_text(const Model& m);

// What the last frame's top bar showed (the state dump reports it).
struct TopBarShown {
    std::string undo;        // the undo button's label, cut with "…" when the change is long
    bool undo_fits = true;   // the button ends within the bar
};

class Shell {
public:
    explicit Shell(const std::string& first_screen);

    void Draw(const Model& m, Intents& in);
    // Goes to a screen, asking first when the current one has unsaved edits.
    void navigate(const std::string& id, Intents& in);
    void request_quit() { quit_asked_ = true; }
    std::string_view current_id() const;
    const TopBarShown& top_bar() const { return top_bar_; }
    const HelpPanel& help() const { return help_; }

private:
    void draw_navigation(const Model& m, Intents& in);
    void draw_top_bar(const Model& m, Intents& in);
    void draw_year_choice(const Model& m, Intents& in);
    void draw_undo_button(const Model& m, Intents& in, float who_and_lock);
    void draw_status_bar(const Model& m, Intents& in);
    void draw_leave_guard(const Model& m, Intents& in);
    void shortcuts(const Model& m, Intents& in);
    void go(std::size_t index);
    // The screen the window shows: setup before a school exists, the lock while locked, else the current one.
    std::string_view on_view(const Model& m) const;

    std::vector<std::unique_ptr<Screen>> screens_;
    std::unique_ptr<Screen> setup_, lock_;
    std::size_t current_ = 0;
    // A move waiting on the unsaved-edits question: a screen index, or quitting.
    std::optional<std::size_t> pending_screen_;
    bool pending_quit_ = false;
    bool quit_asked_ = false;
    bool was_locked_ = false;   // the last frame showed the lock screen
    TopBarShown top_bar_;
    HelpPanel help_;   // F1: the user guide's page for what is on view
};

}  // namespace jh::ui
