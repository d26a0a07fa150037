<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../ui/dialogs/about_dialog.py" line="+116" />
            <source>About HITL Labeler</source>
            <translation>About HITL Labeler</translation>
        </message>
        <message>
            <location line="+3" />
            <source>HITL Labeler</source>
            <translation>HITL Labeler</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Offline image labeling; finished work travels to the central server.</source>
            <translation>Offline image labeling; finished work travels to the central server.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Version:</source>
            <translation>Version:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Licence:</source>
            <translation>Licence:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Data folder:</source>
            <translation>Data folder:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Settings folder:</source>
            <translation>Settings folder:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Log folder:</source>
            <translation>Log folder:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Open log folder</source>
            <translation>Open log folder</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy details</source>
            <translation>Copy details</translation>
        </message>
        <message>
            <location line="+20" />
            <source>About HITL Labeler…</source>
            <translation>About HITL Labeler…</translation>
        </message>
    </context>
    <context>
        <name>CanvasView</name>
        <message>
            <location filename="../../ui/canvas/keyboard.py" line="+46" />
            <location filename="../../ui/canvas/tools.py" line="+106" />
            <source>Move shape</source>
            <translation>Move shape</translation>
        </message>
        <message>
            <location filename="../../ui/canvas/tools.py" line="-2" />
            <source>Resize shape</source>
            <translation>Resize shape</translation>
        </message>
    </context>
    <context>
        <name>CheatSheet</name>
        <message>
            <location filename="../../ui/dialogs/cheat_sheet.py" line="+61" />
            <source>Keys</source>
            <translation>Keys</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Everything has a key:</source>
            <translation>Everything has a key:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Labels:</source>
            <translation>Labels:</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+2" />
            <source>Key</source>
            <translation>Key</translation>
        </message>
        <message>
            <location line="-2" />
            <source>What it does</source>
            <translation>What it does</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Label</source>
            <translation>Label</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Description</source>
            <translation>Description</translation>
        </message>
    </context>
    <context>
        <name>CorrectionBar</name>
        <message>
            <location filename="../../ui/correction_bar.py" line="+53" />
            <source>Correcting a submitted image, revision %1. Enter submits the correction.</source>
            <translation>Correcting a submitted image, revision %1. Enter submits the correction.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Cancel the correction</source>
            <translation>Cancel the correction</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This image is submitted. To change it, correct it (Ctrl+E).</source>
            <translation>This image is submitted. To change it, correct it (Ctrl+E).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Correct it</source>
            <translation>Correct it</translation>
        </message>
    </context>
    <context>
        <name>DonePanel</name>
        <message>
            <location filename="../../ui/problem_panel.py" line="+75" />
            <source>No images in this list</source>
            <translation>No images in this list</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose another list above the images on the left.</source>
            <translation>Choose another list above the images on the left.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Everything is done. Thank you!</source>
            <translation>Everything is done. Thank you!</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Skipped and flagged images are in the list on the left (choose the filter).</source>
            <translation>Skipped and flagged images are in the list on the left (choose the filter).</translation>
        </message>
    </context>
    <context>
        <name>DrivePage</name>
        <message>
            <location filename="../../ui/station/drive_page.py" line="+95" />
            <source>Choose the USB drive</source>
            <translation>Choose the USB drive</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Some work on the drive is damaged: see the details.</source>
            <translation>Some work on the drive is damaged: see the details.</translation>
        </message>
        <message numerus="yes">
            <location line="+18" />
            <source>%n PCs have work to send</source>
            <translation>
                <numerusform>%n PC has work to send</numerusform>
                <numerusform>%n PCs have work to send</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>New work from the PCs to check: press Exchange.</source>
            <translation>New work from the PCs to check: press Exchange.</translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n corrections waiting for {name}'s PC</source>
            <translation>
                <numerusform>%n correction waiting for {name}'s PC</numerusform>
                <numerusform>%n corrections waiting for {name}'s PC</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n corrections waiting for PC {id}</source>
            <translation>
                <numerusform>%n correction waiting for PC {id}</numerusform>
                <numerusform>%n corrections waiting for PC {id}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>%n new images for the PCs</source>
            <translation>
                <numerusform>%n new image for the PCs</numerusform>
                <numerusform>%n new images for the PCs</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>Nothing waiting on this drive.</source>
            <translation>Nothing waiting on this drive.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Other drive…</source>
            <translation>Other drive…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Exchange: take the PCs' work, give back corrections</source>
            <translation>Exchange: take the PCs' work, give back corrections</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show details</source>
            <translation>Show details</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No USB drive found. Plug one in or choose it.</source>
            <translation>No USB drive found. Plug one in or choose it.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>USB drive: {path}</source>
            <translation>USB drive: {path}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Busy: do not remove the drive.</source>
            <translation>Busy: do not remove the drive.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Safe to remove the drive.</source>
            <translation>Safe to remove the drive.</translation>
        </message>
    </context>
    <context>
        <name>EmptyImageDialog</name>
        <message>
            <location filename="../../ui/dialogs/empty_dialog.py" line="+32" />
            <source>Nothing is marked</source>
            <translation>Nothing is marked</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Nothing is marked on this image.</source>
            <translation>Nothing is marked on this image.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>If there is really nothing to mark, submit it empty. Otherwise go back and draw around each object.</source>
            <translation>If there is really nothing to mark, submit it empty. Otherwise go back and draw around each object.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Nothing here: submit it empty</source>
            <translation>Nothing here: submit it empty</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Go back to the image</source>
            <translation>Go back to the image</translation>
        </message>
    </context>
    <context>
        <name>EnrollDialog</name>
        <message>
            <location filename="../../ui/dialogs/enroll_dialog.py" line="+112" />
            <source>Join the central server</source>
            <translation>Join the central server</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Choose the enrollment file your supervisor brought (it ends in .hitl-enroll). Work already done on this PC is kept and will be sent.</source>
            <translation>Choose the enrollment file your supervisor brought (it ends in .hitl-enroll). Work already done on this PC is kept and will be sent.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose file…</source>
            <translation>Choose file…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Enroll</source>
            <translation>Enroll</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This is the centre's closed network (no internet): use this http server</source>
            <translation>This is the centre's closed network (no internet): use this http server</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Server</source>
            <translation>Server</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Centre</source>
            <translation>Centre</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Device</source>
            <translation>Device</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Enrollment file</source>
            <translation>Enrollment file</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enrollment files (*.hitl-enroll);;All files (*)</source>
            <translation>Enrollment files (*.hitl-enroll);;All files (*)</translation>
        </message>
        <message>
            <location line="+31" />
            <source>The server address %1 starts with http, not https: this PC's secret key and work would cross the network unprotected. Ask the admin for an https address. Only on the centre's own closed network, tick the box below.</source>
            <translation>The server address %1 starts with http, not https: this PC's secret key and work would cross the network unprotected. Ask the admin for an https address. Only on the centre's own closed network, tick the box below.</translation>
        </message>
    </context>
    <context>
        <name>FlagDialog</name>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="+74" />
            <source>Ask the supervisor</source>
            <translation>Ask the supervisor</translation>
        </message>
        <message>
            <location line="+2" />
            <source>What should the supervisor look at? (keys 1-4, or write it; Enter)</source>
            <translation>What should the supervisor look at? (keys 1-4, or write it; Enter)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Your words for the supervisor</source>
            <translation>Your words for the supervisor</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The image is set aside with your note and reaches the supervisor's list. Work you already submitted stays submitted.</source>
            <translation>The image is set aside with your note and reaches the supervisor's list. Work you already submitted stays submitted.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="25" />
            <source>I am not sure of the label</source>
            <translation>I am not sure of the label</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="26" />
            <source>Several objects overlap</source>
            <translation>Several objects overlap</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="27" />
            <source>The image looks wrong</source>
            <translation>The image looks wrong</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="28" />
            <source>Something else:</source>
            <translation>Something else:</translation>
        </message>
    </context>
    <context>
        <name>HintLine</name>
        <message>
            <location filename="../../ui/hint_line.py" line="+32" />
            <source>Press the key of the right label (1, 2, 3…): it is saved and the next image opens.</source>
            <translation>Press the key of the right label (1, 2, 3…): it is saved and the next image opens.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Drag on the picture to draw a box around each object · the number keys choose the label of the next box · Enter submits.</source>
            <translation>Drag on the picture to draw a box around each object · the number keys choose the label of the next box · Enter submits.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Click around each object, Enter closes the outline · the number keys choose the label of the next one · Enter again submits.</source>
            <translation>Click around each object, Enter closes the outline · the number keys choose the label of the next one · Enter again submits.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Click on each object to mark it · the number keys choose the label of the next point · Enter submits.</source>
            <translation>Click on each object to mark it · the number keys choose the label of the next point · Enter submits.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Click along each line (a road, a wire), Enter ends it · the number keys choose the label of the next one · Enter again submits.</source>
            <translation>Click along each line (a road, a wire), Enter ends it · the number keys choose the label of the next one · Enter again submits.</translation>
        </message>
    </context>
    <context>
        <name>LabelIndicator</name>
        <message>
            <location filename="../../ui/label_indicator.py" line="+65" />
            <source>Label keys label the whole image</source>
            <translation>Label keys label the whole image</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n selected: a label key changes their label</source>
            <translation>
                <numerusform>%n selected: a label key changes its label</numerusform>
                <numerusform>%n selected: a label key changes their label</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>New shapes get: %1</source>
            <translation>New shapes get: %1</translation>
        </message>
    </context>
    <context>
        <name>LabelPalette</name>
        <message>
            <location filename="../../ui/label_palette.py" line="+176" />
            <source>Type to find a label</source>
            <translation>Type to find a label</translation>
        </message>
    </context>
    <context>
        <name>LanguagePicker</name>
        <message>
            <location filename="../../ui/language_picker.py" line="+30" />
            <location line="+1" />
            <source>Language</source>
            <translation>Language</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="+245" />
            <source>This image is submitted: to change it, correct it first (Ctrl+E).</source>
            <translation>This image is submitted: to change it, correct it first (Ctrl+E).</translation>
        </message>
        <message>
            <location line="+58" />
            <source>Whole image: %1</source>
            <translation>Whole image: %1</translation>
        </message>
        <message>
            <location line="+42" />
            <source>HITL Labeler — %1</source>
            <translation>HITL Labeler — %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Images</source>
            <translation>Images</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Labels</source>
            <translation>Labels</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Shapes</source>
            <translation>Shapes</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Tools</source>
            <translation>Tools</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This image</source>
            <translation>This image</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Edit</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Image</source>
            <translation>&amp;Image</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
    </context>
    <context>
        <name>ModelReportWidget</name>
        <message>
            <location filename="../../ui/model_report.py" line="+97" />
            <source>(all)</source>
            <translation>(all)</translation>
        </message>
        <message>
            <location line="+20" />
            <source>%1 images checked by workers, %2 where the model was wrong</source>
            <translation>%1 images checked by workers, %2 where the model was wrong</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Export hard examples</source>
            <translation>Export hard examples</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Label</source>
            <translation>Label</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Right</source>
            <translation>Right</translation>
        </message>
        <message>
            <location line="+1" />
            <source>False alarms</source>
            <translation>False alarms</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Missed</source>
            <translation>Missed</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Precision</source>
            <translation>Precision</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recall</source>
            <translation>Recall</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Mean IoU</source>
            <translation>Mean IoU</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export hard examples…</source>
            <translation>Export hard examples…</translation>
        </message>
    </context>
    <context>
        <name>NewProjectDialog</name>
        <message>
            <location filename="../../ui/new_project_dialog.py" line="+132" />
            <source>New project from a folder</source>
            <translation>New project from a folder</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <location line="+1" />
            <source>Choose…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Image folder:</source>
            <translation>&amp;Image folder:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Project &amp;name:</source>
            <translation>Project &amp;name:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save the project as:</source>
            <translation>&amp;Save the project as:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;What to mark:</source>
            <translation>&amp;What to mark:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Labels:</source>
            <translation>Labels:</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Boxes around objects</source>
            <translation>Boxes around objects</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outlines (polygons) around objects</source>
            <translation>Outlines (polygons) around objects</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Points on objects</source>
            <translation>Points on objects</translation>
        </message>
        <message>
            <location line="+1" />
            <source>One label per image</source>
            <translation>One label per image</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Several labels per image</source>
            <translation>Several labels per image</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Boxes, and labels for the whole image</source>
            <translation>Boxes, and labels for the whole image</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Boxes, outlines and points</source>
            <translation>Boxes, outlines and points</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Type the labels, one per line</source>
            <translation>Type the labels, one per line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Read the labels from a taxonomy file</source>
            <translation>Read the labels from a taxonomy file</translation>
        </message>
        <message>
            <location line="+1" />
            <source>For example:
Tree
House
Cattle</source>
            <translation>For example:
Tree
House
Cattle</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The folder that holds the images</source>
            <translation>The folder that holds the images</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A .txt file with one label per line</source>
            <translation>A .txt file with one label per line</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Create project</source>
            <translation>Create project</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Choose the image folder</source>
            <translation>Choose the image folder</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Save the project as</source>
            <translation>Save the project as</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Projects (*.hitl)</source>
            <translation>Projects (*.hitl)</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Choose a taxonomy file</source>
            <translation>Choose a taxonomy file</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Text files (*.txt);;All files (*)</source>
            <translation>Text files (*.txt);;All files (*)</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Choose the folder that holds the images.</source>
            <translation>Choose the folder that holds the images.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This folder does not exist: {folder}</source>
            <translation>This folder does not exist: {folder}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>A project file already exists here: {path}. Open it instead, or choose another name.</source>
            <translation>A project file already exists here: {path}. Open it instead, or choose another name.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Type at least one label, one per line.</source>
            <translation>Type at least one label, one per line.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Choose the taxonomy file.</source>
            <translation>Choose the taxonomy file.</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Looking for images… {count}</source>
            <translation>Looking for images… {count}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Checking images: {done} of {total}</source>
            <translation>Checking images: {done} of {total}</translation>
        </message>
        <message>
            <location line="+13" />
            <source>The project could not be made: {reason}</source>
            <translation>The project could not be made: {reason}</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Making the project…</source>
            <translation>Making the project…</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Stopping…</source>
            <translation>Stopping…</translation>
        </message>
    </context>
    <context>
        <name>NoticeBar</name>
        <message>
            <location filename="../../ui/notice_bar.py" line="+54" />
            <source>Close</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>PairsTable</name>
        <message>
            <location filename="../../ui/station/pairs_table.py" line="+45" />
            <source>Workers</source>
            <translation>Workers</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Images both labeled</source>
            <translation>Images both labeled</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Differed</source>
            <translation>Differed</translation>
        </message>
        <message>
            <location line="+1" />
            <source>F1</source>
            <translation>F1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Mean IoU</source>
            <translation>Mean IoU</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kappa (image classes)</source>
            <translation>Kappa (image classes)</translation>
        </message>
    </context>
    <context>
        <name>PcsPage</name>
        <message numerus="yes">
            <location filename="../../ui/station/pcs_page.py" line="+35" />
            <source>%n deliveries missing</source>
            <translation>
                <numerusform>%n delivery missing</numerusform>
                <numerusform>%n deliveries missing</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>complete</source>
            <translation>complete</translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n PCs of this centre have sent work.</source>
            <translation>
                <numerusform>%n PC of this centre has sent work.</numerusform>
                <numerusform>%n PCs of this centre have sent work.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>Workers</source>
            <translation>Workers</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Images</source>
            <translation>Images</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Last work</source>
            <translation>Last work</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Deliveries</source>
            <translation>Deliveries</translation>
        </message>
    </context>
    <context>
        <name>ProblemPanel</name>
        <message>
            <location filename="../../ui/problem_panel.py" line="-35" />
            <source>This image cannot be shown</source>
            <translation>This image cannot be shown</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Skip it and go on (S)</source>
            <translation>Skip it and go on (S)</translation>
        </message>
    </context>
    <context>
        <name>ProposeDialog</name>
        <message>
            <location filename="../../ui/dialogs/propose_dialog.py" line="+141" />
            <source>None of these fit</source>
            <translation>None of these fit</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Propose a new label. Write its name in any language and say why none of the labels fit.</source>
            <translation>Propose a new label. Write its name in any language and say why none of the labels fit.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Label name</source>
            <translation>Label name</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Why</source>
            <translation>Why</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Optional: drag a box around the thing on the picture</source>
            <translation>Optional: drag a box around the thing on the picture</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Write the name of the label you propose.</source>
            <translation>Write the name of the label you propose.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Write why none of the labels fit.</source>
            <translation>Write why none of the labels fit.</translation>
        </message>
    </context>
    <context>
        <name>QGnomeTheme</name>
        <message>
            <location filename="../../ui/qt_strings.py" line="+35" />
            <source>&amp;OK</source>
            <translation>&amp;OK</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Cancel</source>
            <translation>&amp;Cancel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Close</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close without Saving</source>
            <translation>Close without Saving</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <location line="+13" />
            <source>&amp;Undo</source>
            <translation>&amp;Undo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Redo</source>
            <translation>&amp;Redo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cu&amp;t</source>
            <translation>Cu&amp;t</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Copy</source>
            <translation>&amp;Copy</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Paste</source>
            <translation>&amp;Paste</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Select All</source>
            <translation>Select All</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <location line="-10" />
            <source>Show Details...</source>
            <translation>Show Details...</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Hide Details...</source>
            <translation>Hide Details...</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <location line="-34" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save All</source>
            <translation>Save All</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Yes</source>
            <translation>&amp;Yes</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Yes to &amp;All</source>
            <translation>Yes to &amp;All</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;No</source>
            <translation>&amp;No</translation>
        </message>
        <message>
            <location line="+1" />
            <source>N&amp;o to All</source>
            <translation>N&amp;o to All</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Abort</source>
            <translation>Abort</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Retry</source>
            <translation>Retry</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ignore</source>
            <translation>Ignore</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Discard</source>
            <translation>Discard</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Help</source>
            <translation>Help</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Apply</source>
            <translation>Apply</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reset</source>
            <translation>Reset</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Restore Defaults</source>
            <translation>Restore Defaults</translation>
        </message>
    </context>
    <context>
        <name>QShortcut</name>
        <message>
            <location line="+10" />
            <source>Return</source>
            <translation>Enter</translation>
        </message>
        <message>
            <location line="+1" />
            <source>PgDown</source>
            <translation>Page Down</translation>
        </message>
        <message>
            <location line="+1" />
            <source>PgUp</source>
            <translation>Page Up</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Del</source>
            <translation>Delete</translation>
        </message>
    </context>
    <context>
        <name>QueuePanel</name>
        <message numerus="yes">
            <location filename="../../ui/queue_panel.py" line="+339" />
            <source>%n images</source>
            <translation>
                <numerusform>%n image</numerusform>
                <numerusform>%n images</numerusform>
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>Image %1 of %2</source>
            <translation>Image %1 of %2</translation>
        </message>
        <message>
            <location line="+15" />
            <source>To do</source>
            <translation>To do</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Submitted</source>
            <translation>Submitted</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Skipped</source>
            <translation>Skipped</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Flagged</source>
            <translation>Flagged</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Problems</source>
            <translation>Problems</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All images</source>
            <translation>All images</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Which images the list shows</source>
            <translation>Which images the list shows</translation>
        </message>
    </context>
    <context>
        <name>ReadOnlyBanner</name>
        <message>
            <location filename="../../ui/read_only_banner.py" line="+30" />
            <source>This project file is read-only: you can look at the work but not change it. To label, copy the project folder to a place you can write (or unlock the USB drive) and open the copy.</source>
            <translation>This project file is read-only: you can look at the work but not change it. To label, copy the project folder to a place you can write (or unlock the USB drive) and open the copy.</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <location filename="../../ui/station/reason_dialog.py" line="+69" />
            <source>Send back to the worker</source>
            <translation>Send back to the worker</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Why is it wrong? Press 1-5.</source>
            <translation>Why is it wrong? Press 1-5.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Note for the worker (needed for Other)</source>
            <translation>Note for the worker (needed for Other)</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Choose a reason first (1-5).</source>
            <translation>Choose a reason first (1-5).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Write a note: the worker needs to know what to fix.</source>
            <translation>Write a note: the worker needs to know what to fix.</translation>
        </message>
    </context>
    <context>
        <name>Reasons</name>
        <message>
            <location line="-79" />
            <source>Wrong label</source>
            <translation>Wrong label</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Missed object</source>
            <translation>Missed object</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Loose box</source>
            <translation>Loose box</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not labelable</source>
            <translation>Not labelable</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other (write a note)</source>
            <translation>Other (write a note)</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <location filename="../../ui/station/reports_page.py" line="+132" />
            <source>{worker}, week {week}: seconds per image (bars), accuracy (line)</source>
            <translation>{worker}, week {week}: seconds per image (bars), accuracy (line)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Save the figures</source>
            <translation>Save the figures</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Worker report</source>
            <translation>Worker report</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Week</source>
            <translation>Week</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+39" />
            <source>Worker</source>
            <translation>Worker</translation>
        </message>
        <message>
            <location line="-38" />
            <location line="+39" />
            <source>Images</source>
            <translation>Images</translation>
        </message>
        <message>
            <location line="-38" />
            <source>Median seconds per image</source>
            <translation>Median seconds per image</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+39" />
            <source>Reference images right</source>
            <translation>Reference images right</translation>
        </message>
        <message>
            <location line="-38" />
            <source>Accepted by the supervisor</source>
            <translation>Accepted by the supervisor</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Agreement with others</source>
            <translation>Agreement with others</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Accuracy (line) and seconds per image (bars) by day</source>
            <translation>Accuracy (line) and seconds per image (bars) by day</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Save the printable page</source>
            <translation>Save the printable page</translation>
        </message>
        <message>
            <location line="+15" />
            <source>By day</source>
            <translation>By day</translation>
        </message>
        <message>
            <location line="+0" />
            <source>By week</source>
            <translation>By week</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Day or week</source>
            <translation>Day or week</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Seconds per image</source>
            <translation>Seconds per image</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Accepted</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Agreement</source>
            <translation>Agreement</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Agreement between workers (same images)</source>
            <translation>Agreement between workers (same images)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save CSV…</source>
            <translation>Save CSV…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Printable page…</source>
            <translation>Printable page…</translation>
        </message>
    </context>
    <context>
        <name>ReviewPage</name>
        <message>
            <location filename="../../ui/station/review_page.py" line="+46" />
            <source>Flagged: the worker proposed “{names}”</source>
            <translation>Flagged: the worker proposed “{names}”</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Flagged, not labeled yet — {notes}. A accepts the flag, R sends it back to be labeled.</source>
            <translation>Flagged, not labeled yet — {notes}. A accepts the flag, R sends it back to be labeled.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Flagged by the worker — {notes}</source>
            <translation>Flagged by the worker — {notes}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Second opinion differs ({other} labeled it too)</source>
            <translation>Second opinion differs ({other} labeled it too)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Reference image answered wrongly</source>
            <translation>Reference image answered wrongly</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Spot check</source>
            <translation>Spot check</translation>
        </message>
        <message>
            <location line="+160" />
            <source>{n} of {total}: {worker}, {image}</source>
            <translation>{n} of {total}: {worker}, {image}</translation>
        </message>
        <message>
            <location line="+16" />
            <source>This image is not on this PC: only the shapes show.</source>
            <translation>This image is not on this PC: only the shapes show.</translation>
        </message>
        <message>
            <location line="+64" />
            <source>Correcting: draw or fix the shapes, Enter saves, Esc leaves.</source>
            <translation>Correcting: draw or fix the shapes, Enter saves, Esc leaves.</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Accept (A)</source>
            <translation>Accept (A)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Send back (R)</source>
            <translation>Send back (R)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Correct (C)</source>
            <translation>Correct (C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Later (N)</source>
            <translation>Later (N)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Nothing to review. Collect the PCs' work from the USB drive or the server.</source>
            <translation>Nothing to review. Collect the PCs' work from the USB drive or the server.</translation>
        </message>
    </context>
    <context>
        <name>ReworkNote</name>
        <message>
            <location filename="../../ui/rework_note.py" line="+23" />
            <source>{name} sent this image back: {reason}.</source>
            <translation>{name} sent this image back: {reason}.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../ui/settings_dialog.py" line="+78" />
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Language:</source>
            <translation>&amp;Language:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>L&amp;arge text</source>
            <translation>L&amp;arge text</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;High contrast (black and white)</source>
            <translation>&amp;High contrast (black and white)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Changes show at once. These settings are kept for you on this project.</source>
            <translation>Changes show at once. These settings are kept for you on this project.</translation>
        </message>
    </context>
    <context>
        <name>ShapeList</name>
        <message numerus="yes">
            <location filename="../../ui/shape_list.py" line="+117" />
            <source>%n shapes on this image</source>
            <translation>
                <numerusform>%n shape on this image</numerusform>
                <numerusform>%n shapes on this image</numerusform>
            </translation>
        </message>
        <message>
            <location line="+5" />
            <source>box</source>
            <translation>box</translation>
        </message>
        <message>
            <location line="+1" />
            <source>outline</source>
            <translation>outline</translation>
        </message>
        <message>
            <location line="+1" />
            <source>point</source>
            <translation>point</translation>
        </message>
        <message>
            <location line="+1" />
            <source>line</source>
            <translation>line</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete the selected shapes (Delete key)</source>
            <translation>Delete the selected shapes (Delete key)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Click a shape to select it; the check box shows or hides it</source>
            <translation>Click a shape to select it; the check box shows or hides it</translation>
        </message>
    </context>
    <context>
        <name>SkipDialog</name>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="+55" />
            <source>Skip this image</source>
            <translation>Skip this image</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Why skip this image? (keys 1-5, Enter)</source>
            <translation>Why skip this image? (keys 1-5, Enter)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Write the reason</source>
            <translation>Write the reason</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="31" />
            <source>Blurred or too dark</source>
            <translation>Blurred or too dark</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="32" />
            <source>Nothing to label</source>
            <translation>Nothing to label</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="33" />
            <source>Not part of this project</source>
            <translation>Not part of this project</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="34" />
            <source>I am not sure</source>
            <translation>I am not sure</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="35" />
            <source>Other reason:</source>
            <translation>Other reason:</translation>
        </message>
    </context>
    <context>
        <name>StartScreen</name>
        <message>
            <location filename="../../ui/start_screen.py" line="+120" />
            <source>HITL Labeler</source>
            <translation>HITL Labeler</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Which project do you want to work on?</source>
            <translation>Which project do you want to work on?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Recent projects</source>
            <translation>&amp;Recent projects</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No recent projects yet. Make a new one from a folder, or try the sample.</source>
            <translation>No recent projects yet. Make a new one from a folder, or try the sample.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Open the selected project</source>
            <translation>&amp;Open the selected project</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;New project from a folder…</source>
            <translation>&amp;New project from a folder…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open a project &amp;file…</source>
            <translation>Open a project &amp;file…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open the &amp;sample project</source>
            <translation>Open the &amp;sample project</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Open a project file</source>
            <translation>Open a project file</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Projects (*.hitl)</source>
            <translation>Projects (*.hitl)</translation>
        </message>
        <message>
            <location line="+27" />
            <source>The sample project could not be made: {reason}</source>
            <translation>The sample project could not be made: {reason}</translation>
        </message>
    </context>
    <context>
        <name>StationWindow</name>
        <message>
            <location filename="../../ui/station/window.py" line="+78" />
            <source>Supervisor: {name} · {n} to review</source>
            <translation>Supervisor: {name} · {n} to review</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Supervisor station — {project}</source>
            <translation>Supervisor station — {project}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Review</source>
            <translation>Review</translation>
        </message>
        <message>
            <location line="+1" />
            <source>PCs and workers</source>
            <translation>PCs and workers</translation>
        </message>
        <message>
            <location line="+1" />
            <source>USB drive</source>
            <translation>USB drive</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reports</source>
            <translation>Reports</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Model</source>
            <translation>Model</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message numerus="yes">
            <location filename="../../ui/status_bar.py" line="+63" />
            <source>Today: %n images</source>
            <translation>
                <numerusform>Today: %n image</numerusform>
                <numerusform>Today: %n images</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>Project: %1 of %2 submitted</source>
            <translation>Project: %1 of %2 submitted</translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n set aside</source>
            <translation>
                <numerusform>%n set aside</numerusform>
                <numerusform>%n set aside</numerusform>
            </translation>
        </message>
        <message>
            <location line="+9" />
            <source>Sync: %1 waiting, %2 delivered</source>
            <translation>Sync: %1 waiting, %2 delivered</translation>
        </message>
        <message>
            <location line="+5" />
            <source>online</source>
            <translation>online</translation>
        </message>
        <message>
            <location line="+2" />
            <source>offline</source>
            <translation>offline</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Worker: %1</source>
            <translation>Worker: %1</translation>
        </message>
    </context>
    <context>
        <name>SuggestionHook</name>
        <message>
            <location filename="../../ui/suggest_hook.py" line="+160" />
            <source>Model suggestions are off: the model could not be used ({detail}). Label as usual; tell your supervisor.</source>
            <translation>Model suggestions are off: the model could not be used ({detail}). Label as usual; tell your supervisor.</translation>
        </message>
        <message>
            <location line="+64" />
            <location line="+98" />
            <source>Accept all suggestions</source>
            <translation>Accept all suggestions</translation>
        </message>
        <message>
            <location line="-1" />
            <source>Accept the suggestion</source>
            <translation>Accept the suggestion</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reject the suggestion</source>
            <translation>Reject the suggestion</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reject all suggestions</source>
            <translation>Reject all suggestions</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next suggestion</source>
            <translation>Next suggestion</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Previous suggestion</source>
            <translation>Previous suggestion</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Reject suggestion</source>
            <translation>Reject suggestion</translation>
        </message>
    </context>
    <context>
        <name>SyncHook</name>
        <message>
            <location filename="../../ui/sync_hook.py" line="+52" />
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message>
            <location line="+60" />
            <source>sending %1</source>
            <translation>sending %1</translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>restored from a copy: %n images to send again</source>
            <translation>
                <numerusform>restored from a copy: %n image to send again</numerusform>
                <numerusform>restored from a copy: %n images to send again</numerusform>
            </translation>
        </message>
        <message>
            <location line="+15" />
            <source>This PC was restored from an older copy. The server already had %1 of its images; %2 are sent again. Nothing was lost or sent twice.</source>
            <translation>This PC was restored from an older copy. The server already had %1 of its images; %2 are sent again. Nothing was lost or sent twice.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Sync now</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Send finished work to the server now (F9)</source>
            <translation>Send finished work to the server now (F9)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Join the central server again…</source>
            <translation>Join the central server again…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Join the central server…</source>
            <translation>Join the central server…</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <location filename="../../ui/sync_page.py" line="+65" />
            <source>This PC is not joined to the central server yet: work stays on it until a supervisor carries it on a USB drive, or the PC joins.</source>
            <translation>This PC is not joined to the central server yet: work stays on it until a supervisor carries it on a USB drive, or the PC joins.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Finished work goes to the central server by itself whenever a link exists; nothing is lost while offline.</source>
            <translation>Finished work goes to the central server by itself whenever a link exists; nothing is lost while offline.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Waiting to be sent:</source>
            <translation>Waiting to be sent:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delivered:</source>
            <translation>Delivered:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Connection:</source>
            <translation>Connection:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last sent:</source>
            <translation>Last sent:</translation>
        </message>
        <message>
            <location line="+8" />
            <source>online</source>
            <translation>online</translation>
        </message>
        <message>
            <location line="+1" />
            <source>offline</source>
            <translation>offline</translation>
        </message>
        <message>
            <location line="+1" />
            <source>not tried yet</source>
            <translation>not tried yet</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <location line="+1" />
            <source>%n images</source>
            <translation>
                <numerusform>%n image</numerusform>
                <numerusform>%n images</numerusform>
            </translation>
        </message>
        <message>
            <location line="+7" />
            <source>Sync now (F9)</source>
            <translation>Sync now (F9)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Join the central server again…</source>
            <translation>Join the central server again…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Join the central server…</source>
            <translation>Join the central server…</translation>
        </message>
    </context>
    <context>
        <name>TransferWindow</name>
        <message>
            <location filename="../../ui/transfer_window.py" line="+59" />
            <source>USB drive and sync</source>
            <translation>USB drive and sync</translation>
        </message>
    </context>
    <context>
        <name>UsbHook</name>
        <message>
            <location filename="../../ui/usb_hook.py" line="+48" />
            <source>USB drive found: %1 (Ctrl+U shows it)</source>
            <translation>USB drive found: %1 (Ctrl+U shows it)</translation>
        </message>
        <message>
            <location line="-16" />
            <source>USB drive</source>
            <translation>USB drive</translation>
        </message>
    </context>
    <context>
        <name>UsbPanel</name>
        <message>
            <location filename="../../ui/usb_table.py" line="+14" />
            <source>PC</source>
            <translation>PC</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bundles not delivered</source>
            <translation>Bundles not delivered</translation>
        </message>
        <message>
            <location line="+1" />
            <source>On drive</source>
            <translation>On drive</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Receipts waiting</source>
            <translation>Receipts waiting</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delivered</source>
            <translation>Delivered</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Refused</source>
            <translation>Refused</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last</source>
            <translation>Last</translation>
        </message>
        <message>
            <location filename="../../ui/usb_panel.py" line="+132" />
            <source>USB drive</source>
            <translation>USB drive</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drive:</source>
            <translation>Drive:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other folder…</source>
            <translation>Other folder…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Import receipts</source>
            <translation>Import receipts</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Mark this PC's work delivered from the receipts on the drive</source>
            <translation>Mark this PC's work delivered from the receipts on the drive</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export work</source>
            <translation>Export work</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy this PC's undelivered work onto the drive</source>
            <translation>Copy this PC's undelivered work onto the drive</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Push to server</source>
            <translation>Push to server</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Upload every PC's work on the drive and bring the receipts back</source>
            <translation>Upload every PC's work on the drive and bring the receipts back</translation>
        </message>
        <message>
            <location line="+4" />
            <source>no drive with a HITL folder</source>
            <translation>no drive with a HITL folder</translation>
        </message>
        <message>
            <location line="+41" />
            <source>Drive found: %1</source>
            <translation>Drive found: %1</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Choose the USB drive</source>
            <translation>Choose the USB drive</translation>
        </message>
        <message>
            <location line="+22" />
            <source>No project is open on this machine.</source>
            <translation>No project is open on this machine.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This PC is not joined to the central server yet: File › Join the central server…</source>
            <translation>This PC is not joined to the central server yet: File › Join the central server…</translation>
        </message>
        <message>
            <location line="+7" />
            <source>This PC: %1 records not delivered; bundles: %2 waiting, %3 on a drive, %4 delivered, %5 refused.</source>
            <translation>This PC: %1 records not delivered; bundles: %2 waiting, %3 on a drive, %4 delivered, %5 refused.</translation>
        </message>
        <message>
            <location line="+56" />
            <source>Exporting this PC's work to the drive…</source>
            <translation>Exporting this PC's work to the drive…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Importing receipts from the drive…</source>
            <translation>Importing receipts from the drive…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pushing the drive to the server…</source>
            <translation>Pushing the drive to the server…</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Could not finish: %1</source>
            <translation>Could not finish: %1</translation>
        </message>
        <message>
            <location filename="../../ui/usb_table.py" line="88" />
            <source>bundle %1 refused: %2</source>
            <translation>bundle %1 refused: %2</translation>
        </message>
        <message>
            <location filename="../../ui/usb_table.py" line="81" />
            <source>exported %1, pushed %2, imported %3</source>
            <translation>exported %1, pushed %2, imported %3</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="98" />
            <source>the server's reference answers on the drive were NOT taken: they are damaged or were changed; push the drive to the server again. The answers it had stay</source>
            <translation>the server's reference answers on the drive were NOT taken: they are damaged or were changed; push the drive to the server again. The answers it had stay</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="87" />
            <source>the server's reference answers on the drive were NOT taken: this station has no key for them yet; sync it with the server once, or enroll it again with a new enrollment file</source>
            <translation>the server's reference answers on the drive were NOT taken: this station has no key for them yet; sync it with the server once, or enroll it again with a new enrollment file</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="93" />
            <source>the server's reference answers on the drive were NOT taken: they are locked for another server or project; enroll this station again with a new enrollment file. The answers it had stay</source>
            <translation>the server's reference answers on the drive were NOT taken: they are locked for another server or project; enroll this station again with a new enrollment file. The answers it had stay</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="107" />
            <source>done</source>
            <translation>done</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="24" />
            <source>%n packets of work copied to the drive</source>
            <translation>
                <numerusform>%n packet of work copied to the drive</numerusform>
                <numerusform>%n packets of work copied to the drive</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="113" />
            <source>packet %1</source>
            <translation>packet %1</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="113" />
            <source>receipt %1</source>
            <translation>receipt %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="26" />
            <source>%n were on it already</source>
            <translation>
                <numerusform>%n was on it already</numerusform>
                <numerusform>%n were on it already</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="29" />
            <source>%n have receipts waiting: take them in first</source>
            <translation>
                <numerusform>%n has a receipt waiting: take it in first</numerusform>
                <numerusform>%n have receipts waiting: take them in first</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="33" />
            <source>%n NOT copied: the drive holds other files under their names; send the drive's work to the server, then copy again</source>
            <translation>
                <numerusform>%n NOT copied: the drive holds another file under its name; send the drive's work to the server, then copy again</numerusform>
                <numerusform>%n NOT copied: the drive holds other files under their names; send the drive's work to the server, then copy again</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="41" />
            <source>%n reference answers stay on this station, NOT copied: it has no key to lock them yet; sync it with the server once, or enroll it again with a new enrollment file</source>
            <translation>
                <numerusform>%n reference answer stays on this station, NOT copied: it has no key to lock it yet; sync it with the server once, or enroll it again with a new enrollment file</numerusform>
                <numerusform>%n reference answers stay on this station, NOT copied: it has no key to lock them yet; sync it with the server once, or enroll it again with a new enrollment file</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="49" />
            <source>%n receipts taken in</source>
            <translation>
                <numerusform>%n receipt taken in</numerusform>
                <numerusform>%n receipts taken in</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="50" />
            <source>%n pieces of work are now marked as arrived</source>
            <translation>
                <numerusform>%n piece of work is now marked as arrived</numerusform>
                <numerusform>%n pieces of work are now marked as arrived</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="67" />
            <source>%n packets sent to the server</source>
            <translation>
                <numerusform>%n packet sent to the server</numerusform>
                <numerusform>%n packets sent to the server</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="110" />
            <source>server busy; sending again in %1 s</source>
            <translation>server busy; sending again in %1 s</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="52" />
            <source>%n were taken in before</source>
            <translation>
                <numerusform>%n was taken in before</numerusform>
                <numerusform>%n were taken in before</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="55" />
            <source>%n receipts could not be trusted and stay on the drive</source>
            <translation>
                <numerusform>%n receipt could not be trusted and stays on the drive</numerusform>
                <numerusform>%n receipts could not be trusted and stay on the drive</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="58" />
            <source>the server sent back %n packets of this PC</source>
            <translation>
                <numerusform>the server sent back %n packet of this PC</numerusform>
                <numerusform>the server sent back %n packets of this PC</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="60" />
            <source>the label list was updated</source>
            <translation>the label list was updated</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="62" />
            <source>%n reference answers from the server taken in</source>
            <translation>
                <numerusform>%n reference answer from the server taken in</numerusform>
                <numerusform>%n reference answers from the server taken in</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="70" />
            <source>%n packets sent back by the server (see INDEX.txt on the drive)</source>
            <translation>
                <numerusform>%n packet sent back by the server (see INDEX.txt on the drive)</numerusform>
                <numerusform>%n packets sent back by the server (see INDEX.txt on the drive)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="77" />
            <source>%n packets of other projects stay on the drive</source>
            <translation>
                <numerusform>%n packet of another project stays on the drive</numerusform>
                <numerusform>%n packets of other projects stay on the drive</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="79" />
            <source>label lists brought back for %n projects</source>
            <translation>
                <numerusform>label list brought back for %n project</numerusform>
                <numerusform>label lists brought back for %n projects</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WindowDialogs</name>
        <message>
            <location filename="../../ui/window_dialogs.py" line="+73" />
            <source>None of these fit</source>
            <translation>None of these fit</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n shapes are drawn on this image. They are not sent with a new label proposal: they stay here as unfinished work.</source>
            <translation>
                <numerusform>%n shape is drawn on this image. It is not sent with a new label proposal: it stays here as unfinished work.</numerusform>
                <numerusform>%n shapes are drawn on this image. They are not sent with a new label proposal: they stay here as unfinished work.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+6" />
            <source>Propose a new label anyway?</source>
            <translation>Propose a new label anyway?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Propose a new label</source>
            <translation>Propose a new label</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Go back to the image</source>
            <translation>Go back to the image</translation>
        </message>
        <message>
            <location line="+18" />
            <source>This image has shapes: Enter submits them, or delete them first.</source>
            <translation>This image has shapes: Enter submits them, or delete them first.</translation>
        </message>
    </context>
    <context>
        <name>WorkerDialog</name>
        <message>
            <location filename="../../ui/worker_dialog.py" line="+104" />
            <location line="+1" />
            <source>Who is working?</source>
            <translation>Who is working?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Start working</source>
            <translation>&amp;Start working</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New here? Type your &amp;name:</source>
            <translation>New here? Type your &amp;name:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Your name</source>
            <translation>Your name</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Add and start</source>
            <translation>&amp;Add and start</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Type your name first.</source>
            <translation>Type your name first.</translation>
        </message>
    </context>
    <context>
        <name>ZoomLabel</name>
        <message>
            <location filename="../../ui/zoom_label.py" line="+24" />
            <source>Zoom: 100 % shows the image at its actual size</source>
            <translation>Zoom: 100 % shows the image at its actual size</translation>
        </message>
    </context>
    <context>
        <name>Actions</name>
        <message>
            <location filename="../../ui/actions.py" line="93" />
            <source>Submit and go to the next image</source>
            <translation>Submit and go to the next image</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="94" />
            <source>Nothing to mark here: submit it empty</source>
            <translation>Nothing to mark here: submit it empty</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="95" />
            <source>Correct this submitted image</source>
            <translation>Correct this submitted image</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="96" />
            <source>Cancel the correction</source>
            <translation>Cancel the correction</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="97" />
            <source>Next image</source>
            <translation>Next image</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="98" />
            <source>Previous image</source>
            <translation>Previous image</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="99" />
            <source>Skip this image…</source>
            <translation>Skip this image…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="100" />
            <source>None of these fit…</source>
            <translation>None of these fit…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="101" />
            <source>Ask the supervisor about this image…</source>
            <translation>Ask the supervisor about this image…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="102" />
            <source>Undo</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="103" />
            <source>Redo</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="104" />
            <source>Delete the selected shape</source>
            <translation>Delete the selected shape</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="105" />
            <source>Select, move and resize</source>
            <translation>Select, move and resize</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="106" />
            <source>Draw a box</source>
            <translation>Draw a box</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="107" />
            <source>Draw a polygon</source>
            <translation>Draw a polygon</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="108" />
            <source>Mark a point</source>
            <translation>Mark a point</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="109" />
            <source>Draw a line (road, wire, crack)</source>
            <translation>Draw a line (road, wire, crack)</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="110" />
            <source>Label keys label the whole image</source>
            <translation>Label keys label the whole image</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="111" />
            <source>Zoom in</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="112" />
            <source>Zoom out</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="113" />
            <source>Fit the image to the window</source>
            <translation>Fit the image to the window</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="114" />
            <source>Actual size (1:1)</source>
            <translation>Actual size (1:1)</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="115" />
            <source>Put this image back to do</source>
            <translation>Put this image back to do</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="116" />
            <source>Find a label by typing</source>
            <translation>Find a label by typing</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="117" />
            <source>Keys (cheat sheet)</source>
            <translation>Keys (cheat sheet)</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="118" />
            <source>Settings…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="119" />
            <source>Switch worker…</source>
            <translation>Switch worker…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="120" />
            <source>Open another project…</source>
            <translation>Open another project…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="121" />
            <source>USB drive and sync…</source>
            <translation>USB drive and sync…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="122" />
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="135" />
            <source>Submit</source>
            <translation>Submit</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="136" />
            <source>Nothing here</source>
            <translation>Nothing here</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="137" />
            <source>Correct it</source>
            <translation>Correct it</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="138" />
            <source>Skip</source>
            <translation>Skip</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="139" />
            <source>None of these fit</source>
            <translation>None of these fit</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="140" />
            <source>Ask the supervisor</source>
            <translation>Ask the supervisor</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="141" />
            <source>Select</source>
            <translation>Select</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="142" />
            <source>Box</source>
            <translation>Box</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="143" />
            <source>Polygon</source>
            <translation>Polygon</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="144" />
            <source>Point</source>
            <translation>Point</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="145" />
            <source>Line</source>
            <translation>Line</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="146" />
            <source>Whole image</source>
            <translation>Whole image</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="147" />
            <source>Fit</source>
            <translation>Fit</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="157" />
            <source>Mouse wheel</source>
            <translation>Mouse wheel</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="157" />
            <source>Zoom around the pointer</source>
            <translation>Zoom around the pointer</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="158" />
            <source>Space + drag</source>
            <translation>Space + drag</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="158" />
            <source>Move the image (also: drag empty space, middle button)</source>
            <translation>Move the image (also: drag empty space, middle button)</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="159" />
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="159" />
            <source>Cancel the shape being drawn, clear the selection</source>
            <translation>Cancel the shape being drawn, clear the selection</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="160" />
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="160" />
            <source>While drawing a polygon or a line: finish it</source>
            <translation>While drawing a polygon or a line: finish it</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="161" />
            <source>Ctrl + click</source>
            <translation>Ctrl + click</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="161" />
            <source>Add a shape to the selection</source>
            <translation>Add a shape to the selection</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="162" />
            <source>Tab, Shift + Tab</source>
            <translation>Tab, Shift + Tab</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="162" />
            <source>Select the next or previous shape</source>
            <translation>Select the next or previous shape</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="163" />
            <source>Arrow keys</source>
            <translation>Arrow keys</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="163" />
            <source>Move the selected shape by 1 pixel (with Shift: 10)</source>
            <translation>Move the selected shape by 1 pixel (with Shift: 10)</translation>
        </message>
    </context>
    <context>
        <name>AnnotationModel</name>
        <message numerus="yes">
            <location filename="../../ui/annotation_model.py" line="128" />
            <source>Delete %n shapes</source>
            <translation>
                <numerusform>Delete %n shape</numerusform>
                <numerusform>Delete %n shapes</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="150" />
            <source>Change label</source>
            <translation>Change label</translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="228" />
            <source>Add shape</source>
            <translation>Add shape</translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="240" />
            <source>Delete shape</source>
            <translation>Delete shape</translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="165" />
            <source>Image label</source>
            <translation>Image label</translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="141" />
            <source>Change shape</source>
            <translation>Change shape</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <location filename="../../ui/errors.py" line="66" />
            <source>Something went wrong</source>
            <translation>Something went wrong</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="43" />
            <source>This image cannot be submitted yet</source>
            <translation>This image cannot be submitted yet</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="45" />
            <source>This image cannot be shown</source>
            <translation>This image cannot be shown</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="47" />
            <source>This project is open for viewing only</source>
            <translation>This project is open for viewing only</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="49" />
            <source>The project file cannot be used</source>
            <translation>The project file cannot be used</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="51" />
            <source>The label list has a mistake</source>
            <translation>The label list has a mistake</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="53" />
            <source>This enrollment file cannot be used</source>
            <translation>This enrollment file cannot be used</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="55" />
            <source>No connection to the central server</source>
            <translation>No connection to the central server</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="57" />
            <source>Sending to the central server did not work</source>
            <translation>Sending to the central server did not work</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="59" />
            <source>The USB drive is full</source>
            <translation>The USB drive is full</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="61" />
            <source>The USB drive cannot be used</source>
            <translation>The USB drive cannot be used</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="63" />
            <source>Not found</source>
            <translation>Not found</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="65" />
            <source>Cannot do that</source>
            <translation>Cannot do that</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <location filename="../../ui/messages.py" line="103" />
            <source>The admin took this PC out of the project: the server no longer accepts its work. The work stays here. Ask your supervisor.</source>
            <translation>The admin took this PC out of the project: the server no longer accepts its work. The work stays here. Ask your supervisor.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="108" />
            <source>The server does not accept this PC's enrollment. The work stays here. Ask your supervisor to enroll the PC again (File › Join the central server again).</source>
            <translation>The server does not accept this PC's enrollment. The work stays here. Ask your supervisor to enroll the PC again (File › Join the central server again).</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="122" />
            <source>Something on the network answered instead of the server (a hotspot's login page?). Check the internet connection; the work waits here.</source>
            <translation>Something on the network answered instead of the server (a hotspot's login page?). Check the internet connection; the work waits here.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="144" />
            <source>This project takes one label per image; choose only one.</source>
            <translation>This project takes one label per image; choose only one.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="155" />
            <source>The central server cannot be reached now (no internet?). The work waits here and is sent later.</source>
            <translation>The central server cannot be reached now (no internet?). The work waits here and is sent later.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="163" />
            <source>Nothing can be changed in this project file (it is read-only). To label, copy the project folder to a place you can write and open the copy.</source>
            <translation>Nothing can be changed in this project file (it is read-only). To label, copy the project folder to a place you can write and open the copy.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="169" />
            <source>Type a name.</source>
            <translation>Type a name.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="211" />
            <source>Show this message to your supervisor (hold the mouse over it for the details).</source>
            <translation>Show this message to your supervisor (hold the mouse over it for the details).</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="80" />
            <source>%1: the file is not there (moved or deleted?)</source>
            <translation>%1: the file is not there (moved or deleted?)</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="81" />
            <source>%1: this file is not an image</source>
            <translation>%1: this file is not an image</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="82" />
            <source>%1: the file is cut short; copy it again</source>
            <translation>%1: the file is cut short; copy it again</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="85" />
            <source>%1: the image is too large to open</source>
            <translation>%1: the image is too large to open</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="89" />
            <source>%1: the file name has letters this PC cannot read; rename the file</source>
            <translation>%1: the file name has letters this PC cannot read; rename the file</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="91" />
            <source>%1: the file cannot be read</source>
            <translation>%1: the file cannot be read</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="40" />
            <source>the box is too thin; draw it bigger</source>
            <translation>the box is too thin; draw it bigger</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="43" />
            <source>the outline needs at least three corners that are not on one line</source>
            <translation>the outline needs at least three corners that are not on one line</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="45" />
            <source>the line has no length</source>
            <translation>the line has no length</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="48" />
            <source>the shape has a wrong number of corners</source>
            <translation>the shape has a wrong number of corners</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="52" />
            <source>it reaches outside the image</source>
            <translation>it reaches outside the image</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="56" />
            <source>its label is not in this project's label list</source>
            <translation>its label is not in this project's label list</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="60" />
            <source>this project does not use this kind of shape</source>
            <translation>this project does not use this kind of shape</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="64" />
            <source>this project has no labels for the whole image</source>
            <translation>this project has no labels for the whole image</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="68" />
            <source>a corner has no valid position</source>
            <translation>a corner has no valid position</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="114" />
            <source>The server is busy; sending again in %1 seconds.</source>
            <translation>The server is busy; sending again in %1 seconds.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="117" />
            <source>The central server is not working right now (error %1). The work waits here and is sent later.</source>
            <translation>The central server is not working right now (error %1). The work waits here and is sent later.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="148" />
            <source>The label %1 is no longer used; choose another.</source>
            <translation>The label %1 is no longer used; choose another.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="172" />
            <source>A name can be at most %1 letters long.</source>
            <translation>A name can be at most %1 letters long.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="175" />
            <source>%1: no drive here; is the USB drive plugged in?</source>
            <translation>%1: no drive here; is the USB drive plugged in?</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="178" />
            <source>%1: the drive is locked (read only); unlock it and try again.</source>
            <translation>%1: the drive is locked (read only); unlock it and try again.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="183" />
            <source>%1: this is not an enrollment file; ask the supervisor for the right one.</source>
            <translation>%1: this is not an enrollment file; ask the supervisor for the right one.</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="136" />
            <source>Shape %1 (%2): %3</source>
            <translation>Shape %1 (%2): %3</translation>
        </message>
    </context>
    <context>
        <name>ProposalAnswers</name>
        <message>
            <location filename="../../ui/proposal_answers.py" line="21" />
            <source>Your proposal “%1” was accepted: it is now the label “%2”.</source>
            <translation>Your proposal “%1” was accepted: it is now the label “%2”.</translation>
        </message>
        <message>
            <location filename="../../ui/proposal_answers.py" line="23" />
            <source>Your proposal “%1” was accepted: the label “%2” has a new name.</source>
            <translation>Your proposal “%1” was accepted: the label “%2” has a new name.</translation>
        </message>
        <message>
            <location filename="../../ui/proposal_answers.py" line="25" />
            <source>Your proposal “%1”: please use the label “%2” for it.</source>
            <translation>Your proposal “%1”: please use the label “%2” for it.</translation>
        </message>
        <message>
            <location filename="../../ui/proposal_answers.py" line="27" />
            <source>Your proposal “%1” was not added.</source>
            <translation>Your proposal “%1” was not added.</translation>
        </message>
        <message>
            <location filename="../../ui/proposal_answers.py" line="30" />
            <source>The admin says: %1</source>
            <translation>The admin says: %1</translation>
        </message>
    </context>
</TS>
