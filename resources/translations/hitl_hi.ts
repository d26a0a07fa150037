<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../ui/dialogs/about_dialog.py" line="+116" />
            <source>About HITL Labeler</source>
            <translation>HITL लेबलर के बारे में</translation>
        </message>
        <message>
            <location line="+3" />
            <source>HITL Labeler</source>
            <translation>HITL लेबलर</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Offline image labeling; finished work travels to the central server.</source>
            <translation>बिना इंटरनेट के चित्रों पर लेबल लगाना; पूरा हुआ काम केंद्रीय सर्वर तक पहुँचता है।</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Version:</source>
            <translation>वर्ज़न:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Licence:</source>
            <translation>लाइसेंस:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Data folder:</source>
            <translation>डेटा फ़ोल्डर:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Settings folder:</source>
            <translation>सेटिंग फ़ोल्डर:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Log folder:</source>
            <translation>लॉग फ़ोल्डर:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Open log folder</source>
            <translation>लॉग फ़ोल्डर खोलें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy details</source>
            <translation>जानकारी कॉपी करें</translation>
        </message>
        <message>
            <location line="+20" />
            <source>About HITL Labeler…</source>
            <translation>HITL लेबलर के बारे में…</translation>
        </message>
    </context>
    <context>
        <name>CanvasView</name>
        <message>
            <location filename="../../ui/canvas/keyboard.py" line="+46" />
            <location filename="../../ui/canvas/tools.py" line="+106" />
            <source>Move shape</source>
            <translation>आकृति खिसकाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/canvas/tools.py" line="-2" />
            <source>Resize shape</source>
            <translation>आकृति का आकार बदलें</translation>
        </message>
    </context>
    <context>
        <name>CheatSheet</name>
        <message>
            <location filename="../../ui/dialogs/cheat_sheet.py" line="+61" />
            <source>Keys</source>
            <translation>कुंजियाँ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Everything has a key:</source>
            <translation>हर काम के लिए एक कुंजी है:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Labels:</source>
            <translation>लेबल:</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+2" />
            <source>Key</source>
            <translation>कुंजी</translation>
        </message>
        <message>
            <location line="-2" />
            <source>What it does</source>
            <translation>क्या होता है</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Label</source>
            <translation>लेबल</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Description</source>
            <translation>विवरण</translation>
        </message>
    </context>
    <context>
        <name>CorrectionBar</name>
        <message>
            <location filename="../../ui/correction_bar.py" line="+53" />
            <source>Correcting a submitted image, revision %1. Enter submits the correction.</source>
            <translation>जमा हो चुका चित्र सुधारा जा रहा है (रूप %1)। Enter दबाने पर सुधार जमा होगा।</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Cancel the correction</source>
            <translation>सुधार रद्द करें</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This image is submitted. To change it, correct it (Ctrl+E).</source>
            <translation>यह चित्र जमा हो चुका है। बदलने के लिए ‘सुधारें’ दबाएँ (Ctrl+E)।</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Correct it</source>
            <translation>सुधारें</translation>
        </message>
    </context>
    <context>
        <name>DonePanel</name>
        <message>
            <location filename="../../ui/problem_panel.py" line="+75" />
            <source>No images in this list</source>
            <translation>इस सूची में कोई चित्र नहीं</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose another list above the images on the left.</source>
            <translation>बाईं ओर, चित्रों के ऊपर से कोई दूसरी सूची चुनें।</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Everything is done. Thank you!</source>
            <translation>सारा काम पूरा हो गया। धन्यवाद!</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Skipped and flagged images are in the list on the left (choose the filter).</source>
            <translation>छोड़े गए और सुपरवाइज़र के पास भेजे गए चित्र बाईं ओर की सूची में हैं (सूची के ऊपर से चुनें)।</translation>
        </message>
    </context>
    <context>
        <name>DrivePage</name>
        <message>
            <location filename="../../ui/station/drive_page.py" line="+95" />
            <source>Choose the USB drive</source>
            <translation>USB ड्राइव चुनें</translation>
        </message>
        <message>
            <location line="+32" />
            <source>Some work on the drive is damaged: see the details.</source>
            <translation>ड्राइव पर कुछ काम खराब है: विवरण देखें।</translation>
        </message>
        <message numerus="yes">
            <location line="+18" />
            <source>%n PCs have work to send</source>
            <translation>
                <numerusform>%n कंप्यूटरों पर भेजने का काम है</numerusform>
                <numerusform>%n कंप्यूटरों पर भेजने का काम है</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>New work from the PCs to check: press Exchange.</source>
            <translation>कंप्यूटरों से नया काम जाँचने को है: अदला-बदली दबाएँ।</translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n corrections waiting for {name}'s PC</source>
            <translation>
                <numerusform>{name} के कंप्यूटर के लिए %n सुधार रुके हैं</numerusform>
                <numerusform>{name} के कंप्यूटर के लिए %n सुधार रुके हैं</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n corrections waiting for PC {id}</source>
            <translation>
                <numerusform>कंप्यूटर {id} के लिए %n सुधार रुके हैं</numerusform>
                <numerusform>कंप्यूटर {id} के लिए %n सुधार रुके हैं</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>%n new images for the PCs</source>
            <translation>
                <numerusform>कंप्यूटरों के लिए %n नए चित्र</numerusform>
                <numerusform>कंप्यूटरों के लिए %n नए चित्र</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>Nothing waiting on this drive.</source>
            <translation>इस ड्राइव पर कुछ बाकी नहीं है।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Other drive…</source>
            <translation>दूसरी ड्राइव…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Exchange: take the PCs' work, give back corrections</source>
            <translation>अदला-बदली: कंप्यूटरों का काम लें, सुधार वापस दें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show details</source>
            <translation>विवरण दिखाएँ</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No USB drive found. Plug one in or choose it.</source>
            <translation>कोई USB ड्राइव नहीं मिली। ड्राइव लगाएँ या चुनें।</translation>
        </message>
        <message>
            <location line="+2" />
            <source>USB drive: {path}</source>
            <translation>USB ड्राइव: {path}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Busy: do not remove the drive.</source>
            <translation>काम चल रहा है: ड्राइव न निकालें।</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Safe to remove the drive.</source>
            <translation>अब ड्राइव निकाल सकते हैं।</translation>
        </message>
    </context>
    <context>
        <name>EmptyImageDialog</name>
        <message>
            <location filename="../../ui/dialogs/empty_dialog.py" line="+32" />
            <source>Nothing is marked</source>
            <translation>कुछ भी नहीं बना</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Nothing is marked on this image.</source>
            <translation>इस चित्र पर अभी कुछ भी नहीं बना है।</translation>
        </message>
        <message>
            <location line="+3" />
            <source>If there is really nothing to mark, submit it empty. Otherwise go back and draw around each object.</source>
            <translation>अगर सच में लेबल लगाने लायक कुछ नहीं है, तो इसे खाली जमा करें। नहीं तो वापस जाकर हर चीज़ के चारों ओर बॉक्स बनाएँ।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Nothing here: submit it empty</source>
            <translation>यहाँ कुछ नहीं: खाली जमा करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Go back to the image</source>
            <translation>चित्र पर वापस जाएँ</translation>
        </message>
    </context>
    <context>
        <name>EnrollDialog</name>
        <message>
            <location filename="../../ui/dialogs/enroll_dialog.py" line="+112" />
            <source>Join the central server</source>
            <translation>केंद्रीय सर्वर से जुड़ें</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Choose the enrollment file your supervisor brought (it ends in .hitl-enroll). Work already done on this PC is kept and will be sent.</source>
            <translation>अपने सुपरवाइज़र की लाई हुई नामांकन फ़ाइल चुनें (उसका नाम .hitl-enroll पर ख़त्म होता है)। इस कंप्यूटर पर पहले से किया गया काम सुरक्षित रहेगा और भेजा जाएगा।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose file…</source>
            <translation>फ़ाइल चुनें…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Enroll</source>
            <translation>जुड़ें</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This is the centre's closed network (no internet): use this http server</source>
            <translation>यह केंद्र का अपना बंद नेटवर्क है (इंटरनेट नहीं): इसी http सर्वर से जुड़ें</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Server</source>
            <translation>सर्वर</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Centre</source>
            <translation>केंद्र</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Device</source>
            <translation>कंप्यूटर</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Enrollment file</source>
            <translation>नामांकन फ़ाइल</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enrollment files (*.hitl-enroll);;All files (*)</source>
            <translation>नामांकन फ़ाइलें (*.hitl-enroll);;सभी फ़ाइलें (*)</translation>
        </message>
        <message>
            <location line="+31" />
            <source>The server address %1 starts with http, not https: this PC's secret key and work would cross the network unprotected. Ask the admin for an https address. Only on the centre's own closed network, tick the box below.</source>
            <translation>सर्वर का पता %1 https से नहीं, http से शुरू होता है: इस कंप्यूटर की गुप्त चाबी और काम बिना सुरक्षा के नेटवर्क पर जाएँगे। एडमिन से https वाला पता माँगें। सिर्फ़ केंद्र के अपने बंद नेटवर्क पर नीचे वाले बॉक्स पर निशान लगाएँ।</translation>
        </message>
    </context>
    <context>
        <name>FlagDialog</name>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="+74" />
            <source>Ask the supervisor</source>
            <translation>सुपरवाइज़र से पूछें</translation>
        </message>
        <message>
            <location line="+2" />
            <source>What should the supervisor look at? (keys 1-4, or write it; Enter)</source>
            <translation>सुपरवाइज़र क्या देखें? (कुंजी 1-4, या लिखें; Enter)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Your words for the supervisor</source>
            <translation>सुपरवाइज़र के लिए अपनी बात लिखें</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The image is set aside with your note and reaches the supervisor's list. Work you already submitted stays submitted.</source>
            <translation>चित्र आपकी बात के साथ अलग रखा जाता है और सुपरवाइज़र की सूची में पहुँचता है। जो काम आप जमा कर चुके हैं, वह जमा ही रहता है।</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="25" />
            <source>I am not sure of the label</source>
            <translation>मुझे सही लेबल का पक्का पता नहीं</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="26" />
            <source>Several objects overlap</source>
            <translation>कई चीज़ें एक-दूसरे पर चढ़ी हुई हैं</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="27" />
            <source>The image looks wrong</source>
            <translation>चित्र में कुछ गड़बड़ लगती है</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/flag_dialog.py" line="28" />
            <source>Something else:</source>
            <translation>कुछ और:</translation>
        </message>
    </context>
    <context>
        <name>HintLine</name>
        <message>
            <location filename="../../ui/hint_line.py" line="+32" />
            <source>Press the key of the right label (1, 2, 3…): it is saved and the next image opens.</source>
            <translation>सही लेबल की कुंजी दबाएँ (1, 2, 3…): लेबल जमा होगा और अगला चित्र खुलेगा।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Drag on the picture to draw a box around each object · the number keys choose the label of the next box · Enter submits.</source>
            <translation>हर चीज़ के चारों ओर माउस दबाकर खींचें, बॉक्स बनेगा · नंबर वाली कुंजियाँ अगले बॉक्स का लेबल चुनती हैं · Enter से जमा करें।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Click around each object, Enter closes the outline · the number keys choose the label of the next one · Enter again submits.</source>
            <translation>हर चीज़ के चारों ओर क्लिक करें, Enter से रूपरेखा पूरी होगी · नंबर वाली कुंजियाँ अगली आकृति का लेबल चुनती हैं · फिर Enter से जमा करें।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Click on each object to mark it · the number keys choose the label of the next point · Enter submits.</source>
            <translation>हर चीज़ पर क्लिक करके बिंदु लगाएँ · नंबर वाली कुंजियाँ अगले बिंदु का लेबल चुनती हैं · Enter से जमा करें।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Click along each line (a road, a wire), Enter ends it · the number keys choose the label of the next one · Enter again submits.</source>
            <translation>हर रेखा (सड़क, तार) पर क्लिक करते जाएँ, Enter से रेखा पूरी होगी · नंबर वाली कुंजियाँ अगली रेखा का लेबल चुनती हैं · फिर Enter से जमा करें।</translation>
        </message>
    </context>
    <context>
        <name>LabelIndicator</name>
        <message>
            <location filename="../../ui/label_indicator.py" line="+65" />
            <source>Label keys label the whole image</source>
            <translation>लेबल कुंजियाँ पूरे चित्र पर लेबल लगाती हैं</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n selected: a label key changes their label</source>
            <translation>
                <numerusform>%n आकृति चुनी है: लेबल कुंजी उसका लेबल बदलेगी</numerusform>
                <numerusform>%n आकृतियाँ चुनी हैं: लेबल कुंजी उनका लेबल बदलेगी</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>New shapes get: %1</source>
            <translation>अगली आकृति का लेबल: %1</translation>
        </message>
    </context>
    <context>
        <name>LabelPalette</name>
        <message>
            <location filename="../../ui/label_palette.py" line="+176" />
            <source>Type to find a label</source>
            <translation>लेबल ढूँढ़ने के लिए लिखें</translation>
        </message>
    </context>
    <context>
        <name>LanguagePicker</name>
        <message>
            <location filename="../../ui/language_picker.py" line="+30" />
            <location line="+1" />
            <source>Language</source>
            <translation>भाषा</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="+245" />
            <source>This image is submitted: to change it, correct it first (Ctrl+E).</source>
            <translation>यह चित्र जमा हो चुका है: बदलने से पहले ‘सुधारें’ दबाएँ (Ctrl+E)।</translation>
        </message>
        <message>
            <location line="+58" />
            <source>Whole image: %1</source>
            <translation>पूरा चित्र: %1</translation>
        </message>
        <message>
            <location line="+42" />
            <source>HITL Labeler — %1</source>
            <translation>HITL लेबलर — %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Images</source>
            <translation>चित्र</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Labels</source>
            <translation>लेबल</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Shapes</source>
            <translation>आकृतियाँ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Tools</source>
            <translation>औज़ार</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This image</source>
            <translation>यह चित्र</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;File</source>
            <translation>फ़ाइल (&amp;F)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Edit</source>
            <translation>बदलाव (&amp;E)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Image</source>
            <translation>चित्र (&amp;I)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;View</source>
            <translation>देखें (&amp;V)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Help</source>
            <translation>मदद (&amp;H)</translation>
        </message>
    </context>
    <context>
        <name>ModelReportWidget</name>
        <message>
            <location filename="../../ui/model_report.py" line="+97" />
            <source>(all)</source>
            <translation>(सभी)</translation>
        </message>
        <message>
            <location line="+20" />
            <source>%1 images checked by workers, %2 where the model was wrong</source>
            <translation>कर्मियों ने %1 चित्र जाँचे, %2 में मॉडल ग़लत था</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Export hard examples</source>
            <translation>कठिन उदाहरण फ़ाइल में सेव करें</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Model</source>
            <translation>मॉडल</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Label</source>
            <translation>लेबल</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Right</source>
            <translation>सही</translation>
        </message>
        <message>
            <location line="+1" />
            <source>False alarms</source>
            <translation>ग़लत सुझाव</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Missed</source>
            <translation>छूटे</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Precision</source>
            <translation>सटीकता</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recall</source>
            <translation>पकड़</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Mean IoU</source>
            <translation>औसत IoU</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Refresh</source>
            <translation>ताज़ा करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export hard examples…</source>
            <translation>कठिन उदाहरण फ़ाइल में सेव करें…</translation>
        </message>
    </context>
    <context>
        <name>NewProjectDialog</name>
        <message>
            <location filename="../../ui/new_project_dialog.py" line="+132" />
            <source>New project from a folder</source>
            <translation>फ़ोल्डर से नया प्रोजेक्ट</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <location line="+1" />
            <source>Choose…</source>
            <translation>चुनें…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Image folder:</source>
            <translation>चित्रों का फ़ोल्डर (&amp;I):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Project &amp;name:</source>
            <translation>प्रोजेक्ट का नाम (&amp;N):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save the project as:</source>
            <translation>प्रोजेक्ट यहाँ सेव करें (&amp;S):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;What to mark:</source>
            <translation>लेबल कैसे लगाने हैं (&amp;W):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Labels:</source>
            <translation>लेबल:</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Boxes around objects</source>
            <translation>चीज़ों के चारों ओर बॉक्स</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outlines (polygons) around objects</source>
            <translation>चीज़ों की रूपरेखा (बहुभुज)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Points on objects</source>
            <translation>चीज़ों पर बिंदु</translation>
        </message>
        <message>
            <location line="+1" />
            <source>One label per image</source>
            <translation>हर चित्र का एक लेबल</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Several labels per image</source>
            <translation>हर चित्र के कई लेबल</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Boxes, and labels for the whole image</source>
            <translation>बॉक्स, और पूरे चित्र के लेबल</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Boxes, outlines and points</source>
            <translation>बॉक्स, रूपरेखा और बिंदु</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Type the labels, one per line</source>
            <translation>लेबल लिखें, हर पंक्ति में एक</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Read the labels from a taxonomy file</source>
            <translation>लेबल-सूची की फ़ाइल से लेबल लें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>For example:
Tree
House
Cattle</source>
            <translation>उदाहरण:
पेड़
घर
मवेशी</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The folder that holds the images</source>
            <translation>वह फ़ोल्डर जिसमें चित्र हैं</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A .txt file with one label per line</source>
            <translation>.txt फ़ाइल, हर पंक्ति में एक लेबल</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Create project</source>
            <translation>प्रोजेक्ट बनाएँ</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Choose the image folder</source>
            <translation>चित्रों का फ़ोल्डर चुनें</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Save the project as</source>
            <translation>प्रोजेक्ट कहाँ सेव करें</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Projects (*.hitl)</source>
            <translation>प्रोजेक्ट (*.hitl)</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Choose a taxonomy file</source>
            <translation>लेबल-सूची की फ़ाइल चुनें</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Text files (*.txt);;All files (*)</source>
            <translation>टेक्स्ट फ़ाइलें (*.txt);;सभी फ़ाइलें (*)</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Choose the folder that holds the images.</source>
            <translation>वह फ़ोल्डर चुनें जिसमें चित्र हैं।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This folder does not exist: {folder}</source>
            <translation>यह फ़ोल्डर नहीं मिला: {folder}</translation>
        </message>
        <message>
            <location line="+9" />
            <source>A project file already exists here: {path}. Open it instead, or choose another name.</source>
            <translation>यहाँ पहले से एक प्रोजेक्ट फ़ाइल है: {path}। उसी को खोलें, या कोई दूसरा नाम चुनें।</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Type at least one label, one per line.</source>
            <translation>कम से कम एक लेबल लिखें, हर पंक्ति में एक।</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Choose the taxonomy file.</source>
            <translation>लेबल-सूची की फ़ाइल चुनें।</translation>
        </message>
        <message>
            <location line="+35" />
            <source>Looking for images… {count}</source>
            <translation>चित्र ढूँढ़े जा रहे हैं… {count}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Checking images: {done} of {total}</source>
            <translation>चित्रों की जाँच: {total} में से {done}</translation>
        </message>
        <message>
            <location line="+13" />
            <source>The project could not be made: {reason}</source>
            <translation>प्रोजेक्ट नहीं बन सका: {reason}</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Making the project…</source>
            <translation>प्रोजेक्ट बन रहा है…</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Stopping…</source>
            <translation>रोका जा रहा है…</translation>
        </message>
    </context>
    <context>
        <name>NoticeBar</name>
        <message>
            <location filename="../../ui/notice_bar.py" line="+54" />
            <source>Close</source>
            <translation>बंद करें</translation>
        </message>
    </context>
    <context>
        <name>PairsTable</name>
        <message>
            <location filename="../../ui/station/pairs_table.py" line="+45" />
            <source>Workers</source>
            <translation>कर्मी</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Images both labeled</source>
            <translation>दोनों ने लेबल किए चित्र</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Differed</source>
            <translation>अलग निकले</translation>
        </message>
        <message>
            <location line="+1" />
            <source>F1</source>
            <translation>F1 स्कोर</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Mean IoU</source>
            <translation>औसत IoU</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kappa (image classes)</source>
            <translation>कप्पा (चित्र की श्रेणी)</translation>
        </message>
    </context>
    <context>
        <name>PcsPage</name>
        <message numerus="yes">
            <location filename="../../ui/station/pcs_page.py" line="+35" />
            <source>%n deliveries missing</source>
            <translation>
                <numerusform>%n खेप नहीं पहुँचीं</numerusform>
                <numerusform>%n खेप नहीं पहुँचीं</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>complete</source>
            <translation>पूरा</translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n PCs of this centre have sent work.</source>
            <translation>
                <numerusform>इस केंद्र के %n कंप्यूटरों ने काम भेजा है।</numerusform>
                <numerusform>इस केंद्र के %n कंप्यूटरों ने काम भेजा है।</numerusform>
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>Workers</source>
            <translation>कर्मी</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Images</source>
            <translation>चित्र</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Last work</source>
            <translation>आखिरी काम</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Deliveries</source>
            <translation>पहुँच</translation>
        </message>
    </context>
    <context>
        <name>ProblemPanel</name>
        <message>
            <location filename="../../ui/problem_panel.py" line="-35" />
            <source>This image cannot be shown</source>
            <translation>यह चित्र नहीं खुल रहा</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Skip it and go on (S)</source>
            <translation>इसे छोड़कर आगे बढ़ें (S)</translation>
        </message>
    </context>
    <context>
        <name>ProposeDialog</name>
        <message>
            <location filename="../../ui/dialogs/propose_dialog.py" line="+141" />
            <source>None of these fit</source>
            <translation>इनमें से कोई नहीं</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Propose a new label. Write its name in any language and say why none of the labels fit.</source>
            <translation>नया लेबल सुझाएँ। उसका नाम किसी भी भाषा में लिखें और बताएँ कि कोई भी लेबल क्यों सही नहीं बैठता।</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Label name</source>
            <translation>लेबल का नाम</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Why</source>
            <translation>क्यों</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Optional: drag a box around the thing on the picture</source>
            <translation>चाहें तो: चित्र में उस चीज़ के चारों ओर बॉक्स खींचें</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Write the name of the label you propose.</source>
            <translation>जो लेबल आप सुझा रहे हैं, उसका नाम लिखें।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Write why none of the labels fit.</source>
            <translation>लिखें कि कोई भी लेबल क्यों सही नहीं बैठता।</translation>
        </message>
    </context>
    <context>
        <name>QGnomeTheme</name>
        <message>
            <location filename="../../ui/qt_strings.py" line="+35" />
            <source>&amp;OK</source>
            <translation>ठीक है (&amp;O)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Cancel</source>
            <translation>रद्द करें (&amp;C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save</source>
            <translation>सेव करें (&amp;S)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Close</source>
            <translation>बंद करें (&amp;C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close without Saving</source>
            <translation>बिना सेव किए बंद करें</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <location line="+13" />
            <source>&amp;Undo</source>
            <translation>वापस लें (&amp;U)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Redo</source>
            <translation>फिर से करें (&amp;R)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cu&amp;t</source>
            <translation>काटें (&amp;T)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Copy</source>
            <translation>कॉपी करें (&amp;C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Paste</source>
            <translation>चिपकाएँ (&amp;P)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete</source>
            <translation>मिटाएँ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Select All</source>
            <translation>सब चुनें</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <location line="-10" />
            <source>Show Details...</source>
            <translation>पूरी जानकारी दिखाएँ…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Hide Details...</source>
            <translation>पूरी जानकारी छिपाएँ…</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <location line="-34" />
            <source>OK</source>
            <translation>ठीक है</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save</source>
            <translation>सेव करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save All</source>
            <translation>सब सेव करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open</source>
            <translation>खोलें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Yes</source>
            <translation>हाँ (&amp;Y)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Yes to &amp;All</source>
            <translation>सबके लिए हाँ (&amp;A)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;No</source>
            <translation>नहीं (&amp;N)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>N&amp;o to All</source>
            <translation>सबके लिए नहीं (&amp;O)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Abort</source>
            <translation>बीच में रोकें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Retry</source>
            <translation>फिर से कोशिश करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ignore</source>
            <translation>अनदेखा करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close</source>
            <translation>बंद करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>रद्द करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Discard</source>
            <translation>सेव न करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Help</source>
            <translation>मदद</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Apply</source>
            <translation>लागू करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reset</source>
            <translation>पहले जैसा करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Restore Defaults</source>
            <translation>शुरुआती सेटिंग वापस लाएँ</translation>
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
                <numerusform>%n चित्र</numerusform>
                <numerusform>%n चित्र</numerusform>
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>Image %1 of %2</source>
            <translation>%2 में से चित्र %1</translation>
        </message>
        <message>
            <location line="+15" />
            <source>To do</source>
            <translation>बाकी</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Submitted</source>
            <translation>जमा हो चुके</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Skipped</source>
            <translation>छोड़े गए</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Flagged</source>
            <translation>सुपरवाइज़र के पास</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Problems</source>
            <translation>समस्या वाले</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All images</source>
            <translation>सभी चित्र</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Which images the list shows</source>
            <translation>सूची में कौन-से चित्र दिखें</translation>
        </message>
    </context>
    <context>
        <name>ReadOnlyBanner</name>
        <message>
            <location filename="../../ui/read_only_banner.py" line="+30" />
            <source>This project file is read-only: you can look at the work but not change it. To label, copy the project folder to a place you can write (or unlock the USB drive) and open the copy.</source>
            <translation>यह प्रोजेक्ट फ़ाइल केवल पढ़ने के लिए है: आप काम देख सकते हैं, बदल नहीं सकते। लेबल करने के लिए प्रोजेक्ट फ़ोल्डर को ऐसी जगह कॉपी करें जहाँ लिखा जा सके (या USB ड्राइव का लॉक खोलें) और कॉपी खोलें।</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <location filename="../../ui/station/reason_dialog.py" line="+69" />
            <source>Send back to the worker</source>
            <translation>कर्मी को वापस भेजें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Why is it wrong? Press 1-5.</source>
            <translation>यह गलत क्यों है? 1-5 दबाएँ।</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Note for the worker (needed for Other)</source>
            <translation>कर्मी के लिए टिप्पणी (अन्य के लिए ज़रूरी)</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Choose a reason first (1-5).</source>
            <translation>पहले कारण चुनें (1-5)।</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Write a note: the worker needs to know what to fix.</source>
            <translation>टिप्पणी लिखें: कर्मी को पता होना चाहिए कि क्या ठीक करना है।</translation>
        </message>
    </context>
    <context>
        <name>Reasons</name>
        <message>
            <location line="-79" />
            <source>Wrong label</source>
            <translation>गलत लेबल</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Missed object</source>
            <translation>चीज़ छूट गई</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Loose box</source>
            <translation>ढीला बॉक्स</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not labelable</source>
            <translation>लेबल नहीं हो सकता</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other (write a note)</source>
            <translation>अन्य (टिप्पणी लिखें)</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <location filename="../../ui/station/reports_page.py" line="+132" />
            <source>{worker}, week {week}: seconds per image (bars), accuracy (line)</source>
            <translation>{worker}, सप्ताह {week}: प्रति चित्र सेकंड (खंभे), सटीकता (रेखा)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Save the figures</source>
            <translation>आँकड़े सहेजें</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Worker report</source>
            <translation>कर्मी रिपोर्ट</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Week</source>
            <translation>सप्ताह</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+39" />
            <source>Worker</source>
            <translation>कर्मी</translation>
        </message>
        <message>
            <location line="-38" />
            <location line="+39" />
            <source>Images</source>
            <translation>चित्र</translation>
        </message>
        <message>
            <location line="-38" />
            <source>Median seconds per image</source>
            <translation>प्रति चित्र औसत (माध्यिका) सेकंड</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+39" />
            <source>Reference images right</source>
            <translation>जाँच-चित्र सही</translation>
        </message>
        <message>
            <location line="-38" />
            <source>Accepted by the supervisor</source>
            <translation>सुपरवाइज़र ने स्वीकार किया</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Agreement with others</source>
            <translation>दूसरों से सहमति</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Accuracy (line) and seconds per image (bars) by day</source>
            <translation>दिन के अनुसार सटीकता (रेखा) और प्रति चित्र सेकंड (खंभे)</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Save the printable page</source>
            <translation>छापने लायक पेज सहेजें</translation>
        </message>
        <message>
            <location line="+15" />
            <source>By day</source>
            <translation>दिन के अनुसार</translation>
        </message>
        <message>
            <location line="+0" />
            <source>By week</source>
            <translation>सप्ताह के अनुसार</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Day or week</source>
            <translation>दिन या सप्ताह</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Seconds per image</source>
            <translation>प्रति चित्र सेकंड</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Accepted</source>
            <translation>स्वीकार</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Agreement</source>
            <translation>सहमति</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Agreement between workers (same images)</source>
            <translation>कर्मियों के बीच सहमति (एक जैसे चित्र)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save CSV…</source>
            <translation>CSV सहेजें…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Printable page…</source>
            <translation>छापने लायक पेज…</translation>
        </message>
    </context>
    <context>
        <name>ReviewPage</name>
        <message>
            <location filename="../../ui/station/review_page.py" line="+46" />
            <source>Flagged: the worker proposed “{names}”</source>
            <translation>चिह्नित: कर्मी ने “{names}” सुझाया</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Flagged, not labeled yet — {notes}. A accepts the flag, R sends it back to be labeled.</source>
            <translation>चिह्नित, अभी लेबल नहीं हुई — {notes}। A चिह्न को मान लेता है, R इसे लेबल करने के लिए वापस भेजता है।</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Flagged by the worker — {notes}</source>
            <translation>कार्यकर्ता ने चिह्नित किया — {notes}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Second opinion differs ({other} labeled it too)</source>
            <translation>दूसरी राय अलग है ({other} ने भी लेबल किया)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Reference image answered wrongly</source>
            <translation>जाँच-चित्र का उत्तर गलत</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Spot check</source>
            <translation>नमूना जाँच</translation>
        </message>
        <message>
            <location line="+160" />
            <source>{n} of {total}: {worker}, {image}</source>
            <translation>{total} में से {n}: {worker}, {image}</translation>
        </message>
        <message>
            <location line="+16" />
            <source>This image is not on this PC: only the shapes show.</source>
            <translation>यह चित्र इस कंप्यूटर पर नहीं है: केवल आकार दिख रहे हैं।</translation>
        </message>
        <message>
            <location line="+64" />
            <source>Correcting: draw or fix the shapes, Enter saves, Esc leaves.</source>
            <translation>सुधार रहे हैं: आकार बनाएँ या ठीक करें, Enter सहेजता है, Esc छोड़ता है।</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Accept (A)</source>
            <translation>स्वीकार (A)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Send back (R)</source>
            <translation>वापस भेजें (R)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Correct (C)</source>
            <translation>सुधारें (C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Later (N)</source>
            <translation>बाद में (N)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Nothing to review. Collect the PCs' work from the USB drive or the server.</source>
            <translation>जाँचने को कुछ नहीं है। USB ड्राइव या सर्वर से कंप्यूटरों का काम लें।</translation>
        </message>
    </context>
    <context>
        <name>ReworkNote</name>
        <message>
            <location filename="../../ui/rework_note.py" line="+23" />
            <source>{name} sent this image back: {reason}.</source>
            <translation>{name} ने यह चित्र वापस भेजा: {reason}।</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../ui/settings_dialog.py" line="+78" />
            <source>Settings</source>
            <translation>सेटिंग</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Language:</source>
            <translation>भाषा (&amp;L):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>L&amp;arge text</source>
            <translation>बड़े अक्षर (&amp;A)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;High contrast (black and white)</source>
            <translation>काला-सफ़ेद, ज़्यादा साफ़ (&amp;H)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Changes show at once. These settings are kept for you on this project.</source>
            <translation>बदलाव तुरंत दिखते हैं। ये सेटिंग इस प्रोजेक्ट में आपके नाम से सेव रहती हैं।</translation>
        </message>
    </context>
    <context>
        <name>ShapeList</name>
        <message numerus="yes">
            <location filename="../../ui/shape_list.py" line="+117" />
            <source>%n shapes on this image</source>
            <translation>
                <numerusform>इस चित्र पर %n आकृति</numerusform>
                <numerusform>इस चित्र पर %n आकृतियाँ</numerusform>
            </translation>
        </message>
        <message>
            <location line="+5" />
            <source>box</source>
            <translation>बॉक्स</translation>
        </message>
        <message>
            <location line="+1" />
            <source>outline</source>
            <translation>रूपरेखा</translation>
        </message>
        <message>
            <location line="+1" />
            <source>point</source>
            <translation>बिंदु</translation>
        </message>
        <message>
            <location line="+1" />
            <source>line</source>
            <translation>रेखा</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Delete</source>
            <translation>हटाएँ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete the selected shapes (Delete key)</source>
            <translation>चुनी हुई आकृतियाँ हटाएँ (Delete कुंजी)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Click a shape to select it; the check box shows or hides it</source>
            <translation>आकृति चुनने के लिए उस पर क्लिक करें; खाने पर निशान से वह दिखती या छिपती है</translation>
        </message>
    </context>
    <context>
        <name>SkipDialog</name>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="+55" />
            <source>Skip this image</source>
            <translation>यह चित्र छोड़ें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Why skip this image? (keys 1-5, Enter)</source>
            <translation>यह चित्र क्यों छोड़ रहे हैं? (कुंजी 1-5, Enter)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Write the reason</source>
            <translation>कारण लिखें</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="31" />
            <source>Blurred or too dark</source>
            <translation>धुँधला या बहुत अँधेरा</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="32" />
            <source>Nothing to label</source>
            <translation>लेबल लगाने लायक कुछ नहीं</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="33" />
            <source>Not part of this project</source>
            <translation>इस प्रोजेक्ट का चित्र नहीं</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="34" />
            <source>I am not sure</source>
            <translation>मुझे पक्का नहीं पता</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs/skip_dialog.py" line="35" />
            <source>Other reason:</source>
            <translation>कोई और कारण:</translation>
        </message>
    </context>
    <context>
        <name>StartScreen</name>
        <message>
            <location filename="../../ui/start_screen.py" line="+120" />
            <source>HITL Labeler</source>
            <translation>HITL लेबलर</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Which project do you want to work on?</source>
            <translation>आप किस प्रोजेक्ट पर काम करेंगे?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Recent projects</source>
            <translation>हाल के प्रोजेक्ट (&amp;R)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No recent projects yet. Make a new one from a folder, or try the sample.</source>
            <translation>अभी कोई हाल का प्रोजेक्ट नहीं है। किसी फ़ोल्डर से नया बनाएँ, या नमूना प्रोजेक्ट आज़माएँ।</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Open the selected project</source>
            <translation>चुना हुआ प्रोजेक्ट खोलें (&amp;O)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;New project from a folder…</source>
            <translation>फ़ोल्डर से नया प्रोजेक्ट (&amp;N)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open a project &amp;file…</source>
            <translation>प्रोजेक्ट फ़ाइल खोलें (&amp;F)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open the &amp;sample project</source>
            <translation>नमूना प्रोजेक्ट खोलें (&amp;S)</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Open a project file</source>
            <translation>प्रोजेक्ट फ़ाइल खोलें</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Projects (*.hitl)</source>
            <translation>प्रोजेक्ट (*.hitl)</translation>
        </message>
        <message>
            <location line="+27" />
            <source>The sample project could not be made: {reason}</source>
            <translation>नमूना प्रोजेक्ट नहीं बन सका: {reason}</translation>
        </message>
    </context>
    <context>
        <name>StationWindow</name>
        <message>
            <location filename="../../ui/station/window.py" line="+78" />
            <source>Supervisor: {name} · {n} to review</source>
            <translation>सुपरवाइज़र: {name} · {n} जाँचने को</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;File</source>
            <translation>फ़ाइल (&amp;F)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Supervisor station — {project}</source>
            <translation>सुपरवाइज़र स्टेशन — {project}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Review</source>
            <translation>जाँच</translation>
        </message>
        <message>
            <location line="+1" />
            <source>PCs and workers</source>
            <translation>कंप्यूटर और कर्मी</translation>
        </message>
        <message>
            <location line="+1" />
            <source>USB drive</source>
            <translation>USB ड्राइव (पेन ड्राइव)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reports</source>
            <translation>रिपोर्ट</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Model</source>
            <translation>मॉडल</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message numerus="yes">
            <location filename="../../ui/status_bar.py" line="+63" />
            <source>Today: %n images</source>
            <translation>
                <numerusform>आज: %n चित्र</numerusform>
                <numerusform>आज: %n चित्र</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>Project: %1 of %2 submitted</source>
            <translation>प्रोजेक्ट: %2 में से %1 जमा</translation>
        </message>
        <message numerus="yes">
            <location line="+5" />
            <source>%n set aside</source>
            <translation>
                <numerusform>%n अलग रखा</numerusform>
                <numerusform>%n अलग रखे</numerusform>
            </translation>
        </message>
        <message>
            <location line="+9" />
            <source>Sync: %1 waiting, %2 delivered</source>
            <translation>सर्वर — भेजना बाकी: %1, पहुँच चुके: %2</translation>
        </message>
        <message>
            <location line="+5" />
            <source>online</source>
            <translation>ऑनलाइन</translation>
        </message>
        <message>
            <location line="+2" />
            <source>offline</source>
            <translation>ऑफ़लाइन</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Worker: %1</source>
            <translation>कार्यकर्ता: %1</translation>
        </message>
    </context>
    <context>
        <name>SuggestionHook</name>
        <message>
            <location filename="../../ui/suggest_hook.py" line="+160" />
            <source>Model suggestions are off: the model could not be used ({detail}). Label as usual; tell your supervisor.</source>
            <translation>मॉडल के सुझाव बंद हैं: मॉडल इस्तेमाल नहीं हो सका ({detail})। हमेशा की तरह लेबल करें; अपने सुपरवाइज़र को बताएँ।</translation>
        </message>
        <message>
            <location line="+64" />
            <location line="+98" />
            <source>Accept all suggestions</source>
            <translation>सभी सुझाव स्वीकार करें</translation>
        </message>
        <message>
            <location line="-1" />
            <source>Accept the suggestion</source>
            <translation>सुझाव स्वीकार करें</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reject the suggestion</source>
            <translation>सुझाव अस्वीकार करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reject all suggestions</source>
            <translation>सभी सुझाव अस्वीकार करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next suggestion</source>
            <translation>अगला सुझाव</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Previous suggestion</source>
            <translation>पिछला सुझाव</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Reject suggestion</source>
            <translation>सुझाव अस्वीकार</translation>
        </message>
    </context>
    <context>
        <name>SyncHook</name>
        <message>
            <location filename="../../ui/sync_hook.py" line="+52" />
            <source>Sync</source>
            <translation>सर्वर</translation>
        </message>
        <message>
            <location line="+60" />
            <source>sending %1</source>
            <translation>भेजा जा रहा है: %1</translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>restored from a copy: %n images to send again</source>
            <translation>
                <numerusform>पुरानी कॉपी से वापस लाया गया: %n चित्र फिर से भेजने हैं</numerusform>
                <numerusform>पुरानी कॉपी से वापस लाया गया: %n चित्र फिर से भेजने हैं</numerusform>
            </translation>
        </message>
        <message>
            <location line="+15" />
            <source>This PC was restored from an older copy. The server already had %1 of its images; %2 are sent again. Nothing was lost or sent twice.</source>
            <translation>यह कंप्यूटर एक पुरानी कॉपी से वापस लाया गया। सर्वर के पास इसके %1 चित्र पहले से थे; %2 फिर से भेजे जा रहे हैं। कुछ भी खोया नहीं, कुछ भी दो बार नहीं भेजा गया।</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Sync now</source>
            <translation>अभी भेजें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Send finished work to the server now (F9)</source>
            <translation>पूरा हुआ काम अभी सर्वर पर भेजें (F9)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Join the central server again…</source>
            <translation>केंद्रीय सर्वर से फिर से जुड़ें…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Join the central server…</source>
            <translation>केंद्रीय सर्वर से जुड़ें…</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <location filename="../../ui/sync_page.py" line="+65" />
            <source>This PC is not joined to the central server yet: work stays on it until a supervisor carries it on a USB drive, or the PC joins.</source>
            <translation>यह कंप्यूटर अभी केंद्रीय सर्वर से नहीं जुड़ा है: काम इसी पर रहता है, जब तक सुपरवाइज़र उसे USB ड्राइव पर न ले जाएँ या कंप्यूटर जुड़ न जाए।</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Finished work goes to the central server by itself whenever a link exists; nothing is lost while offline.</source>
            <translation>इंटरनेट मिलते ही पूरा हुआ काम अपने-आप केंद्रीय सर्वर पर जाता है; बिना इंटरनेट के भी कुछ नहीं खोता।</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Waiting to be sent:</source>
            <translation>भेजना बाकी:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delivered:</source>
            <translation>पहुँच चुके:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Connection:</source>
            <translation>कनेक्शन:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last sent:</source>
            <translation>आख़िरी बार भेजा:</translation>
        </message>
        <message>
            <location line="+8" />
            <source>online</source>
            <translation>ऑनलाइन</translation>
        </message>
        <message>
            <location line="+1" />
            <source>offline</source>
            <translation>ऑफ़लाइन</translation>
        </message>
        <message>
            <location line="+1" />
            <source>not tried yet</source>
            <translation>अभी कोशिश नहीं हुई</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <location line="+1" />
            <source>%n images</source>
            <translation>
                <numerusform>%n चित्र</numerusform>
                <numerusform>%n चित्र</numerusform>
            </translation>
        </message>
        <message>
            <location line="+7" />
            <source>Sync now (F9)</source>
            <translation>अभी भेजें (F9)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Join the central server again…</source>
            <translation>केंद्रीय सर्वर से फिर से जुड़ें…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Join the central server…</source>
            <translation>केंद्रीय सर्वर से जुड़ें…</translation>
        </message>
    </context>
    <context>
        <name>TransferWindow</name>
        <message>
            <location filename="../../ui/transfer_window.py" line="+59" />
            <source>USB drive and sync</source>
            <translation>USB ड्राइव और सर्वर</translation>
        </message>
    </context>
    <context>
        <name>UsbHook</name>
        <message>
            <location filename="../../ui/usb_hook.py" line="+48" />
            <source>USB drive found: %1 (Ctrl+U shows it)</source>
            <translation>USB ड्राइव मिली: %1 (देखने के लिए Ctrl+U)</translation>
        </message>
        <message>
            <location line="-16" />
            <source>USB drive</source>
            <translation>USB ड्राइव (पेन ड्राइव)</translation>
        </message>
    </context>
    <context>
        <name>UsbPanel</name>
        <message>
            <location filename="../../ui/usb_table.py" line="+14" />
            <source>PC</source>
            <translation>कंप्यूटर</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bundles not delivered</source>
            <translation>न पहुँचे पैकेट</translation>
        </message>
        <message>
            <location line="+1" />
            <source>On drive</source>
            <translation>ड्राइव पर</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Receipts waiting</source>
            <translation>लेनी बाकी रसीदें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delivered</source>
            <translation>पहुँच गए</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Refused</source>
            <translation>लौटाए गए</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last</source>
            <translation>आख़िरी बार</translation>
        </message>
        <message>
            <location filename="../../ui/usb_panel.py" line="+132" />
            <source>USB drive</source>
            <translation>USB ड्राइव (पेन ड्राइव)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drive:</source>
            <translation>ड्राइव:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other folder…</source>
            <translation>कोई और फ़ोल्डर…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Import receipts</source>
            <translation>रसीदें लें</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Mark this PC's work delivered from the receipts on the drive</source>
            <translation>ड्राइव पर रखी रसीदों से इस कंप्यूटर का काम ‘पहुँच गया’ दर्ज करें</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export work</source>
            <translation>काम ड्राइव पर डालें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy this PC's undelivered work onto the drive</source>
            <translation>इस कंप्यूटर का न पहुँचा काम ड्राइव पर कॉपी करें</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Push to server</source>
            <translation>ड्राइव का काम सर्वर पर भेजें</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Upload every PC's work on the drive and bring the receipts back</source>
            <translation>ड्राइव पर रखा हर कंप्यूटर का काम सर्वर पर भेजें और रसीदें वापस लाएँ</translation>
        </message>
        <message>
            <location line="+4" />
            <source>no drive with a HITL folder</source>
            <translation>HITL फ़ोल्डर वाली कोई ड्राइव नहीं मिली</translation>
        </message>
        <message>
            <location line="+41" />
            <source>Drive found: %1</source>
            <translation>ड्राइव मिली: %1</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Choose the USB drive</source>
            <translation>USB ड्राइव चुनें</translation>
        </message>
        <message>
            <location line="+22" />
            <source>No project is open on this machine.</source>
            <translation>इस कंप्यूटर पर कोई प्रोजेक्ट खुला नहीं है।</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This PC is not joined to the central server yet: File › Join the central server…</source>
            <translation>यह कंप्यूटर अभी केंद्रीय सर्वर से नहीं जुड़ा है: फ़ाइल › केंद्रीय सर्वर से जुड़ें…</translation>
        </message>
        <message>
            <location line="+7" />
            <source>This PC: %1 records not delivered; bundles: %2 waiting, %3 on a drive, %4 delivered, %5 refused.</source>
            <translation>यह कंप्यूटर — न पहुँचा काम: %1 चित्र; पैकेट — भेजना बाकी: %2, ड्राइव पर: %3, पहुँच चुके: %4, लौटाए गए: %5।</translation>
        </message>
        <message>
            <location line="+56" />
            <source>Exporting this PC's work to the drive…</source>
            <translation>इस कंप्यूटर का काम ड्राइव पर डाला जा रहा है…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Importing receipts from the drive…</source>
            <translation>ड्राइव से रसीदें ली जा रही हैं…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pushing the drive to the server…</source>
            <translation>ड्राइव का काम सर्वर पर भेजा जा रहा है…</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Could not finish: %1</source>
            <translation>पूरा नहीं हो सका: %1</translation>
        </message>
        <message>
            <location filename="../../ui/usb_table.py" line="88" />
            <source>bundle %1 refused: %2</source>
            <translation>पैकेट %1 सर्वर ने लौटा दिया: %2</translation>
        </message>
        <message>
            <location filename="../../ui/usb_table.py" line="81" />
            <source>exported %1, pushed %2, imported %3</source>
            <translation>ड्राइव पर डाला: %1; सर्वर पर भेजा: %2; रसीदें लीं: %3</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="98" />
            <source>the server's reference answers on the drive were NOT taken: they are damaged or were changed; push the drive to the server again. The answers it had stay</source>
            <translation>ड्राइव पर रखे सर्वर के जाँच-चित्रों के उत्तर नहीं लिए गए: वे ख़राब हैं या बदले गए हैं; ड्राइव का काम फिर से सर्वर पर भेजें। पहले के उत्तर बने रहेंगे</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="87" />
            <source>the server's reference answers on the drive were NOT taken: this station has no key for them yet; sync it with the server once, or enroll it again with a new enrollment file</source>
            <translation>ड्राइव पर रखे सर्वर के जाँच-चित्रों के उत्तर नहीं लिए गए: इस स्टेशन के पास अभी उन्हें खोलने की चाबी नहीं है; इसे एक बार सर्वर से जोड़कर भेजें, या नई नामांकन फ़ाइल से फिर से जोड़ें</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="93" />
            <source>the server's reference answers on the drive were NOT taken: they are locked for another server or project; enroll this station again with a new enrollment file. The answers it had stay</source>
            <translation>ड्राइव पर रखे सर्वर के जाँच-चित्रों के उत्तर नहीं लिए गए: वे किसी दूसरे सर्वर या प्रोजेक्ट के लिए बंद हैं; नई नामांकन फ़ाइल से इस स्टेशन को फिर से जोड़ें। पहले के उत्तर बने रहेंगे</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="107" />
            <source>done</source>
            <translation>पूरा हुआ</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="24" />
            <source>%n packets of work copied to the drive</source>
            <translation>
                <numerusform>काम का %n पैकेट ड्राइव पर कॉपी हुआ</numerusform>
                <numerusform>काम के %n पैकेट ड्राइव पर कॉपी हुए</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="113" />
            <source>packet %1</source>
            <translation>पैकेट %1</translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="113" />
            <source>receipt %1</source>
            <translation>रसीद %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="26" />
            <source>%n were on it already</source>
            <translation>
                <numerusform>%n पहले से ड्राइव पर था</numerusform>
                <numerusform>%n पहले से ड्राइव पर थे</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="29" />
            <source>%n have receipts waiting: take them in first</source>
            <translation>
                <numerusform>%n की रसीद आ चुकी है: पहले रसीदें लें</numerusform>
                <numerusform>%n की रसीदें आ चुकी हैं: पहले रसीदें लें</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="33" />
            <source>%n NOT copied: the drive holds other files under their names; send the drive's work to the server, then copy again</source>
            <translation>
                <numerusform>%n कॉपी नहीं हुआ: ड्राइव पर उसी नाम की दूसरी फ़ाइल है; पहले ड्राइव का काम सर्वर पर भेजें, फिर से कॉपी करें</numerusform>
                <numerusform>%n कॉपी नहीं हुए: ड्राइव पर उन्हीं नामों की दूसरी फ़ाइलें हैं; पहले ड्राइव का काम सर्वर पर भेजें, फिर से कॉपी करें</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="41" />
            <source>%n reference answers stay on this station, NOT copied: it has no key to lock them yet; sync it with the server once, or enroll it again with a new enrollment file</source>
            <translation>
                <numerusform>%n जाँच-चित्र का उत्तर इसी स्टेशन पर रखा गया, ड्राइव पर नहीं भेजा गया: इसे बंद करने की चाबी अभी इस स्टेशन के पास नहीं है; इसे एक बार सर्वर से जोड़कर भेजें, या नई नामांकन फ़ाइल से फिर से जोड़ें</numerusform>
                <numerusform>%n जाँच-चित्रों के उत्तर इसी स्टेशन पर रखे गए, ड्राइव पर नहीं भेजे गए: इन्हें बंद करने की चाबी अभी इस स्टेशन के पास नहीं है; इसे एक बार सर्वर से जोड़कर भेजें, या नई नामांकन फ़ाइल से फिर से जोड़ें</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="49" />
            <source>%n receipts taken in</source>
            <translation>
                <numerusform>%n रसीद ली गई</numerusform>
                <numerusform>%n रसीदें ली गईं</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="50" />
            <source>%n pieces of work are now marked as arrived</source>
            <translation>
                <numerusform>%n काम अब ‘पहुँच गया’ दर्ज है</numerusform>
                <numerusform>%n काम अब ‘पहुँच गए’ दर्ज हैं</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="67" />
            <source>%n packets sent to the server</source>
            <translation>
                <numerusform>%n पैकेट सर्वर पर भेजा गया</numerusform>
                <numerusform>%n पैकेट सर्वर पर भेजे गए</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="110" />
            <source>server busy; sending again in %1 s</source>
            <translation>सर्वर व्यस्त है; %1 सेकंड बाद फिर से भेजेंगे</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="52" />
            <source>%n were taken in before</source>
            <translation>
                <numerusform>%n पहले ली जा चुकी थी</numerusform>
                <numerusform>%n पहले ली जा चुकी थीं</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="55" />
            <source>%n receipts could not be trusted and stay on the drive</source>
            <translation>
                <numerusform>%n रसीद पर भरोसा नहीं किया जा सका; वह ड्राइव पर ही है</numerusform>
                <numerusform>%n रसीदों पर भरोसा नहीं किया जा सका; वे ड्राइव पर ही हैं</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="58" />
            <source>the server sent back %n packets of this PC</source>
            <translation>
                <numerusform>सर्वर ने इस कंप्यूटर का %n पैकेट लौटा दिया</numerusform>
                <numerusform>सर्वर ने इस कंप्यूटर के %n पैकेट लौटा दिए</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/usb_words.py" line="60" />
            <source>the label list was updated</source>
            <translation>लेबल-सूची बदल गई है</translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="62" />
            <source>%n reference answers from the server taken in</source>
            <translation>
                <numerusform>सर्वर से %n जाँच-चित्र का उत्तर लिया गया</numerusform>
                <numerusform>सर्वर से %n जाँच-चित्रों के उत्तर लिए गए</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="70" />
            <source>%n packets sent back by the server (see INDEX.txt on the drive)</source>
            <translation>
                <numerusform>सर्वर ने %n पैकेट लौटा दिया (ड्राइव पर INDEX.txt देखें)</numerusform>
                <numerusform>सर्वर ने %n पैकेट लौटा दिए (ड्राइव पर INDEX.txt देखें)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="77" />
            <source>%n packets of other projects stay on the drive</source>
            <translation>
                <numerusform>दूसरे प्रोजेक्ट का %n पैकेट ड्राइव पर ही है</numerusform>
                <numerusform>दूसरे प्रोजेक्ट के %n पैकेट ड्राइव पर ही हैं</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/usb_words.py" line="79" />
            <source>label lists brought back for %n projects</source>
            <translation>
                <numerusform>%n प्रोजेक्ट की लेबल-सूची वापस लाई गई</numerusform>
                <numerusform>%n प्रोजेक्टों की लेबल-सूचियाँ वापस लाई गईं</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WindowDialogs</name>
        <message>
            <location filename="../../ui/window_dialogs.py" line="+73" />
            <source>None of these fit</source>
            <translation>इनमें से कोई नहीं</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n shapes are drawn on this image. They are not sent with a new label proposal: they stay here as unfinished work.</source>
            <translation>
                <numerusform>इस चित्र पर %n आकृति बनी है। नया लेबल सुझाने पर वह साथ नहीं जाती: वह यहीं अधूरे काम की तरह रहेगी।</numerusform>
                <numerusform>इस चित्र पर %n आकृतियाँ बनी हैं। नया लेबल सुझाने पर वे साथ नहीं जातीं: वे यहीं अधूरे काम की तरह रहेंगी।</numerusform>
            </translation>
        </message>
        <message>
            <location line="+6" />
            <source>Propose a new label anyway?</source>
            <translation>फिर भी नया लेबल सुझाएँ?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Propose a new label</source>
            <translation>नया लेबल सुझाएँ</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Go back to the image</source>
            <translation>चित्र पर वापस जाएँ</translation>
        </message>
        <message>
            <location line="+18" />
            <source>This image has shapes: Enter submits them, or delete them first.</source>
            <translation>इस चित्र पर आकृतियाँ हैं: Enter से वे जमा होंगी, या पहले उन्हें हटाएँ।</translation>
        </message>
    </context>
    <context>
        <name>WorkerDialog</name>
        <message>
            <location filename="../../ui/worker_dialog.py" line="+104" />
            <location line="+1" />
            <source>Who is working?</source>
            <translation>कौन काम कर रहा है?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Start working</source>
            <translation>काम शुरू करें (&amp;S)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New here? Type your &amp;name:</source>
            <translation>पहली बार? अपना नाम लिखें (&amp;N):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Your name</source>
            <translation>आपका नाम</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Add and start</source>
            <translation>नाम जोड़ें और शुरू करें (&amp;A)</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Type your name first.</source>
            <translation>पहले अपना नाम लिखें।</translation>
        </message>
    </context>
    <context>
        <name>ZoomLabel</name>
        <message>
            <location filename="../../ui/zoom_label.py" line="+24" />
            <source>Zoom: 100 % shows the image at its actual size</source>
            <translation>ज़ूम: 100 % पर चित्र अपने असली आकार में दिखता है</translation>
        </message>
    </context>
    <context>
        <name>Actions</name>
        <message>
            <location filename="../../ui/actions.py" line="93" />
            <source>Submit and go to the next image</source>
            <translation>जमा करें और अगले चित्र पर जाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="94" />
            <source>Nothing to mark here: submit it empty</source>
            <translation>यहाँ लेबल लगाने लायक कुछ नहीं: खाली जमा करें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="95" />
            <source>Correct this submitted image</source>
            <translation>जमा हो चुका यह चित्र सुधारें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="96" />
            <source>Cancel the correction</source>
            <translation>सुधार रद्द करें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="97" />
            <source>Next image</source>
            <translation>अगला चित्र</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="98" />
            <source>Previous image</source>
            <translation>पिछला चित्र</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="99" />
            <source>Skip this image…</source>
            <translation>यह चित्र छोड़ें…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="100" />
            <source>None of these fit…</source>
            <translation>इनमें से कोई नहीं…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="101" />
            <source>Ask the supervisor about this image…</source>
            <translation>इस चित्र के बारे में सुपरवाइज़र से पूछें…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="102" />
            <source>Undo</source>
            <translation>वापस लें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="103" />
            <source>Redo</source>
            <translation>फिर से करें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="104" />
            <source>Delete the selected shape</source>
            <translation>चुनी हुई आकृति हटाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="105" />
            <source>Select, move and resize</source>
            <translation>चुनें, खिसकाएँ, आकार बदलें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="106" />
            <source>Draw a box</source>
            <translation>बॉक्स बनाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="107" />
            <source>Draw a polygon</source>
            <translation>रूपरेखा (बहुभुज) बनाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="108" />
            <source>Mark a point</source>
            <translation>बिंदु लगाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="109" />
            <source>Draw a line (road, wire, crack)</source>
            <translation>रेखा खींचें (सड़क, तार, दरार)</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="110" />
            <source>Label keys label the whole image</source>
            <translation>लेबल कुंजियाँ पूरे चित्र पर लेबल लगाती हैं</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="111" />
            <source>Zoom in</source>
            <translation>बड़ा करके देखें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="112" />
            <source>Zoom out</source>
            <translation>छोटा करके देखें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="113" />
            <source>Fit the image to the window</source>
            <translation>पूरा चित्र स्क्रीन पर दिखाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="114" />
            <source>Actual size (1:1)</source>
            <translation>असली आकार (1:1)</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="115" />
            <source>Put this image back to do</source>
            <translation>यह चित्र फिर से ‘बाकी’ सूची में डालें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="116" />
            <source>Find a label by typing</source>
            <translation>लिखकर लेबल ढूँढ़ें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="117" />
            <source>Keys (cheat sheet)</source>
            <translation>कुंजियों की सूची</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="118" />
            <source>Settings…</source>
            <translation>सेटिंग…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="119" />
            <source>Switch worker…</source>
            <translation>कार्यकर्ता बदलें…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="120" />
            <source>Open another project…</source>
            <translation>दूसरा प्रोजेक्ट खोलें…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="121" />
            <source>USB drive and sync…</source>
            <translation>USB ड्राइव और सर्वर…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="122" />
            <source>Quit</source>
            <translation>प्रोग्राम बंद करें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="135" />
            <source>Submit</source>
            <translation>जमा करें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="136" />
            <source>Nothing here</source>
            <translation>यहाँ कुछ नहीं</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="137" />
            <source>Correct it</source>
            <translation>सुधारें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="138" />
            <source>Skip</source>
            <translation>छोड़ें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="139" />
            <source>None of these fit</source>
            <translation>इनमें से कोई नहीं</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="140" />
            <source>Ask the supervisor</source>
            <translation>सुपरवाइज़र से पूछें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="141" />
            <source>Select</source>
            <translation>चुनें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="142" />
            <source>Box</source>
            <translation>बॉक्स</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="143" />
            <source>Polygon</source>
            <translation>रूपरेखा</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="144" />
            <source>Point</source>
            <translation>बिंदु</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="145" />
            <source>Line</source>
            <translation>रेखा</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="146" />
            <source>Whole image</source>
            <translation>पूरा चित्र</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="147" />
            <source>Fit</source>
            <translation>पूरा दिखाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="157" />
            <source>Mouse wheel</source>
            <translation>माउस का पहिया</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="157" />
            <source>Zoom around the pointer</source>
            <translation>माउस का तीर जहाँ है, वहीं बड़ा या छोटा करें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="158" />
            <source>Space + drag</source>
            <translation>Space + खींचें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="158" />
            <source>Move the image (also: drag empty space, middle button)</source>
            <translation>चित्र खिसकाएँ (या: खाली जगह पर दबाकर खींचें, या माउस का बीच वाला बटन दबाकर खींचें)</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="159" />
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="159" />
            <source>Cancel the shape being drawn, clear the selection</source>
            <translation>बन रही आकृति रद्द करें; कोई भी आकृति चुनी न रहे</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="160" />
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="160" />
            <source>While drawing a polygon or a line: finish it</source>
            <translation>रूपरेखा या रेखा बनाते समय: उसे पूरा करें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="161" />
            <source>Ctrl + click</source>
            <translation>Ctrl + क्लिक</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="161" />
            <source>Add a shape to the selection</source>
            <translation>पहले से चुनी आकृतियों के साथ एक और आकृति चुनें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="162" />
            <source>Tab, Shift + Tab</source>
            <translation>Tab, Shift + Tab</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="162" />
            <source>Select the next or previous shape</source>
            <translation>अगली या पिछली आकृति चुनें</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="163" />
            <source>Arrow keys</source>
            <translation>तीर वाली कुंजियाँ</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" line="163" />
            <source>Move the selected shape by 1 pixel (with Shift: 10)</source>
            <translation>चुनी हुई आकृति को 1 पिक्सेल खिसकाएँ (Shift के साथ: 10 पिक्सेल)</translation>
        </message>
    </context>
    <context>
        <name>AnnotationModel</name>
        <message numerus="yes">
            <location filename="../../ui/annotation_model.py" line="128" />
            <source>Delete %n shapes</source>
            <translation>
                <numerusform>%n आकृति हटाएँ</numerusform>
                <numerusform>%n आकृतियाँ हटाएँ</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="150" />
            <source>Change label</source>
            <translation>लेबल बदलें</translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="228" />
            <source>Add shape</source>
            <translation>आकृति जोड़ें</translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="240" />
            <source>Delete shape</source>
            <translation>आकृति हटाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="165" />
            <source>Image label</source>
            <translation>चित्र का लेबल</translation>
        </message>
        <message>
            <location filename="../../ui/annotation_model.py" line="141" />
            <source>Change shape</source>
            <translation>आकृति बदलें</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <location filename="../../ui/errors.py" line="66" />
            <source>Something went wrong</source>
            <translation>कुछ गड़बड़ हो गई</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="43" />
            <source>This image cannot be submitted yet</source>
            <translation>यह चित्र अभी जमा नहीं हो सकता</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="45" />
            <source>This image cannot be shown</source>
            <translation>यह चित्र नहीं खुल रहा</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="47" />
            <source>This project is open for viewing only</source>
            <translation>यह प्रोजेक्ट केवल देखने के लिए खुला है</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="49" />
            <source>The project file cannot be used</source>
            <translation>इस प्रोजेक्ट फ़ाइल का इस्तेमाल नहीं हो सकता</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="51" />
            <source>The label list has a mistake</source>
            <translation>लेबल-सूची में गलती है</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="53" />
            <source>This enrollment file cannot be used</source>
            <translation>यह नामांकन फ़ाइल काम नहीं आएगी</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="55" />
            <source>No connection to the central server</source>
            <translation>केंद्रीय सर्वर से संपर्क नहीं</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="57" />
            <source>Sending to the central server did not work</source>
            <translation>केंद्रीय सर्वर पर भेजना नहीं हो सका</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="59" />
            <source>The USB drive is full</source>
            <translation>USB ड्राइव भर गई है</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="61" />
            <source>The USB drive cannot be used</source>
            <translation>इस USB ड्राइव का इस्तेमाल नहीं हो सकता</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="63" />
            <source>Not found</source>
            <translation>नहीं मिला</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" line="65" />
            <source>Cannot do that</source>
            <translation>यह नहीं हो सकता</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <location filename="../../ui/messages.py" line="103" />
            <source>The admin took this PC out of the project: the server no longer accepts its work. The work stays here. Ask your supervisor.</source>
            <translation>एडमिन ने इस कंप्यूटर को प्रोजेक्ट से हटा दिया है: सर्वर अब इसका काम नहीं लेता। काम यहीं सुरक्षित है। अपने सुपरवाइज़र से पूछें।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="108" />
            <source>The server does not accept this PC's enrollment. The work stays here. Ask your supervisor to enroll the PC again (File › Join the central server again).</source>
            <translation>सर्वर इस कंप्यूटर का नामांकन नहीं मानता। काम यहीं सुरक्षित है। अपने सुपरवाइज़र से कंप्यूटर को फिर से जोड़ने को कहें (फ़ाइल › केंद्रीय सर्वर से फिर से जुड़ें)।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="122" />
            <source>Something on the network answered instead of the server (a hotspot's login page?). Check the internet connection; the work waits here.</source>
            <translation>सर्वर की जगह नेटवर्क पर किसी और ने जवाब दिया (शायद हॉटस्पॉट का लॉगिन पेज?)। इंटरनेट कनेक्शन जाँचें; काम यहीं इंतज़ार करता है।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="144" />
            <source>This project takes one label per image; choose only one.</source>
            <translation>इस प्रोजेक्ट में हर चित्र का एक ही लेबल होता है; केवल एक चुनें।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="155" />
            <source>The central server cannot be reached now (no internet?). The work waits here and is sent later.</source>
            <translation>अभी केंद्रीय सर्वर से संपर्क नहीं हो पा रहा (इंटरनेट नहीं है?)। काम यहीं सुरक्षित है और बाद में भेजा जाएगा।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="163" />
            <source>Nothing can be changed in this project file (it is read-only). To label, copy the project folder to a place you can write and open the copy.</source>
            <translation>इस प्रोजेक्ट फ़ाइल में कुछ नहीं बदला जा सकता (यह केवल पढ़ने के लिए है)। लेबल करने के लिए प्रोजेक्ट फ़ोल्डर को ऐसी जगह कॉपी करें जहाँ लिखा जा सके, और कॉपी खोलें।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="169" />
            <source>Type a name.</source>
            <translation>नाम लिखें।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="211" />
            <source>Show this message to your supervisor (hold the mouse over it for the details).</source>
            <translation>यह संदेश अपने सुपरवाइज़र को दिखाएँ (पूरी जानकारी के लिए माउस इस पर रखें)।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="80" />
            <source>%1: the file is not there (moved or deleted?)</source>
            <translation>%1: फ़ाइल यहाँ नहीं है (हटाई या कहीं और रखी गई?)</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="81" />
            <source>%1: this file is not an image</source>
            <translation>%1: यह फ़ाइल चित्र नहीं है</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="82" />
            <source>%1: the file is cut short; copy it again</source>
            <translation>%1: फ़ाइल अधूरी है; इसे फिर से कॉपी करें</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="85" />
            <source>%1: the image is too large to open</source>
            <translation>%1: चित्र खोलने के लिए बहुत बड़ा है</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="89" />
            <source>%1: the file name has letters this PC cannot read; rename the file</source>
            <translation>%1: फ़ाइल के नाम में ऐसे अक्षर हैं जो यह कंप्यूटर नहीं पढ़ सकता; फ़ाइल का नाम बदलें</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="91" />
            <source>%1: the file cannot be read</source>
            <translation>%1: फ़ाइल पढ़ी नहीं जा सकती</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="40" />
            <source>the box is too thin; draw it bigger</source>
            <translation>बॉक्स बहुत पतला है; उसे बड़ा बनाएँ</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="43" />
            <source>the outline needs at least three corners that are not on one line</source>
            <translation>रूपरेखा में कम से कम तीन ऐसे कोने चाहिए जो एक सीधी रेखा पर न हों</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="45" />
            <source>the line has no length</source>
            <translation>रेखा की कोई लंबाई नहीं है</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="48" />
            <source>the shape has a wrong number of corners</source>
            <translation>आकृति के कोनों की गिनती गलत है</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="52" />
            <source>it reaches outside the image</source>
            <translation>यह चित्र के बाहर तक जाती है</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="56" />
            <source>its label is not in this project's label list</source>
            <translation>इसका लेबल इस प्रोजेक्ट की लेबल-सूची में नहीं है</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="60" />
            <source>this project does not use this kind of shape</source>
            <translation>इस प्रोजेक्ट में ऐसी आकृति नहीं बनती</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="64" />
            <source>this project has no labels for the whole image</source>
            <translation>इस प्रोजेक्ट में पूरे चित्र के लेबल नहीं हैं</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="68" />
            <source>a corner has no valid position</source>
            <translation>एक कोने की जगह सही नहीं है</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="114" />
            <source>The server is busy; sending again in %1 seconds.</source>
            <translation>सर्वर व्यस्त है; %1 सेकंड बाद फिर से भेजेंगे।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="117" />
            <source>The central server is not working right now (error %1). The work waits here and is sent later.</source>
            <translation>केंद्रीय सर्वर अभी काम नहीं कर रहा (त्रुटि %1)। काम यहीं इंतज़ार करता है और बाद में भेजा जाएगा।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="148" />
            <source>The label %1 is no longer used; choose another.</source>
            <translation>लेबल %1 अब इस्तेमाल नहीं होता; कोई दूसरा चुनें।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="172" />
            <source>A name can be at most %1 letters long.</source>
            <translation>नाम में ज़्यादा से ज़्यादा %1 अक्षर हो सकते हैं।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="175" />
            <source>%1: no drive here; is the USB drive plugged in?</source>
            <translation>%1: यहाँ कोई ड्राइव नहीं; क्या USB ड्राइव लगी है?</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="178" />
            <source>%1: the drive is locked (read only); unlock it and try again.</source>
            <translation>%1: ड्राइव पर ताला है (केवल पढ़ने के लिए); ताला खोलकर फिर से कोशिश करें।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="183" />
            <source>%1: this is not an enrollment file; ask the supervisor for the right one.</source>
            <translation>%1: यह नामांकन फ़ाइल नहीं है; सुपरवाइज़र से सही फ़ाइल माँगें।</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="136" />
            <source>Shape %1 (%2): %3</source>
            <translation>आकृति %1 (%2): %3</translation>
        </message>
    </context>
    <context>
        <name>ProposalAnswers</name>
        <message>
            <location filename="../../ui/proposal_answers.py" line="21" />
            <source>Your proposal “%1” was accepted: it is now the label “%2”.</source>
            <translation>आपका सुझाव “%1” मान लिया गया: अब यह लेबल “%2” है।</translation>
        </message>
        <message>
            <location filename="../../ui/proposal_answers.py" line="23" />
            <source>Your proposal “%1” was accepted: the label “%2” has a new name.</source>
            <translation>आपका सुझाव “%1” मान लिया गया: लेबल “%2” का नाम बदल गया है।</translation>
        </message>
        <message>
            <location filename="../../ui/proposal_answers.py" line="25" />
            <source>Your proposal “%1”: please use the label “%2” for it.</source>
            <translation>आपका सुझाव “%1”: इसके लिए लेबल “%2” इस्तेमाल करें।</translation>
        </message>
        <message>
            <location filename="../../ui/proposal_answers.py" line="27" />
            <source>Your proposal “%1” was not added.</source>
            <translation>आपका सुझाव “%1” नहीं जोड़ा गया।</translation>
        </message>
        <message>
            <location filename="../../ui/proposal_answers.py" line="30" />
            <source>The admin says: %1</source>
            <translation>एडमिन का संदेश: %1</translation>
        </message>
    </context>
</TS>
