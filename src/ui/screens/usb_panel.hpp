// The sync screen's USB panel (同步与上报 → U盘同步): for a school without a network, the two
// directions of sync by file (docs/sync-protocol.md "Files") with the shared folder picker —
// 导出到U盘 writes the upload file into the chosen folder (a USB drive), 从U盘导入 applies the
// bureau's newest reply file there, or, before enrolment, enrols from the bureau's enrolment
// file there. Every file is read and written on the UI worker; the frame only draws.
#pragma once
#include <cstdint>
#include <string>

#include "ui/folder_picker.hpp"
#include "ui/intents.hpp"
#include "ui/model.hpp"

namespace jh::ui {

class UsbPanel {
public:
    // `enrolled`: the terminal holds a receiver key (by network or by file).
    void draw(const Model& m, Intents& in, bool enrolled);

private:
    FolderPicker picker_;
    bool listed_ = false;
    std::uint64_t ticket_ = 0;          // the file operation in flight, until it answers
    std::string glyphs_for_;            // the result whose characters were asked for
};

}  // namespace jh::ui
