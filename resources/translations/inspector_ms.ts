<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ms">
<context>
    <name>BayLabelsDialog</name>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="38"/>
        <source>Bay labels of the dock</source>
        <translation>Label slot pada dok</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="42"/>
        <source>Each &lt;code&gt;[[bay]]&lt;/code&gt; maps a dock port (udev &lt;code&gt;ID_PATH&lt;/code&gt;, shell-style pattern) to the label printed on the bay. Find a port with &lt;code&gt;udevadm info --query=property --name=/dev/sdX&lt;/code&gt;.</source>
        <translation>Setiap &lt;code&gt;[[bay]]&lt;/code&gt; memetakan port dok (udev &lt;code&gt;ID_PATH&lt;/code&gt;, corak gaya shell) kepada label yang tercetak pada slot. Cari port dengan &lt;code&gt;udevadm info --query=property --name=/dev/sdX&lt;/code&gt;.</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="49"/>
        <source>Bay map (TOML)</source>
        <translation>Peta slot (TOML)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="53"/>
        <source>Bay map error</source>
        <translation>Ralat peta slot</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="54"/>
        <source>Load the 15-bay example</source>
        <translation>Muatkan contoh 15 slot</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="73"/>
        <source>cannot read the example: {error}</source>
        <translation>contoh tidak dapat dibaca: {error}</translation>
    </message>
</context>
<context>
    <name>BayMap</name>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="38"/>
        <source>Bay &amp;labels of the dock…</source>
        <translation>&amp;Label slot pada dok…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="39"/>
        <source>Which dock port is which bay (a TOML bay map)</source>
        <translation>Port dok mana bagi slot mana (peta slot TOML)</translation>
    </message>
</context>
<context>
    <name>CaseRecorder</name>
    <message>
        <location filename="../../inspector/gui/case_record.py" line="79"/>
        <source>TRAINING case {id} · officer {officer} · opened {opened}</source>
        <translation>Kes LATIHAN {id} · pegawai {officer} · dibuka {opened}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/case_record.py" line="81"/>
        <source>Case {id} · officer {officer} · opened {opened}</source>
        <translation>Kes {id} · pegawai {officer} · dibuka {opened}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/case_record.py" line="204"/>
        <source>case store: {what} not recorded: {error}</source>
        <translation>stor kes: {what} tidak direkodkan: {error}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/case_record.py" line="278"/>
        <source>report of case {id} written to {stem}.pdf, .csv and .json, receipts beside it (BLAKE3 {digest}…)</source>
        <translation>laporan kes {id} ditulis ke {stem}.pdf, .csv dan .json, resit di sebelahnya (BLAKE3 {digest}…)</translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="163"/>
        <source>ai-dataset</source>
        <translation>set data AI</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="164"/>
        <source>ai-model</source>
        <translation>pemberat model AI</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="165"/>
        <source>archive</source>
        <translation>arkib</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="166"/>
        <source>image</source>
        <translation>imej</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="167"/>
        <source>video</source>
        <translation>video</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="168"/>
        <source>audio</source>
        <translation>audio</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="169"/>
        <source>document</source>
        <translation>dokumen</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="170"/>
        <source>text</source>
        <translation>teks</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="171"/>
        <source>executable</source>
        <translation>boleh laksana</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="172"/>
        <source>database</source>
        <translation>pangkalan data</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="173"/>
        <source>disk-image</source>
        <translation>imej cakera</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="174"/>
        <source>encrypted</source>
        <translation>disulitkan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="175"/>
        <source>empty</source>
        <translation>kosong</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="176"/>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
</context>
<context>
    <name>CategoryChart</name>
    <message>
        <location filename="../../inspector/gui/widgets/category_chart.py" line="44"/>
        <location filename="../../inspector/gui/widgets/category_chart.py" line="50"/>
        <source>Content not identified yet</source>
        <translation>Kandungan belum dikenal pasti</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/category_chart.py" line="46"/>
        <source>Category mix</source>
        <translation>Campuran kategori</translation>
    </message>
</context>
<context>
    <name>DeclarationDialog</name>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="19"/>
        <source>Declaration of {name}</source>
        <translation>Pengisytiharan {name}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="21"/>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="31"/>
        <source>Declaration</source>
        <translation>Pengisytiharan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="29"/>
        <source>e.g. 2 TB (empty: no volume declared)</source>
        <translation>cth. 2 TB (kosong: tiada isi padu diisytiharkan)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="32"/>
        <source>Declared volume</source>
        <translation>Isi padu diisytiharkan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="33"/>
        <source>Licence reference</source>
        <translation>Rujukan lesen</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="39"/>
        <source>Declaration error</source>
        <translation>Ralat pengisytiharan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="46"/>
        <source>&amp;Declaration:</source>
        <translation>&amp;Pengisytiharan:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="47"/>
        <source>&amp;Volume:</source>
        <translation>&amp;Isi padu:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="48"/>
        <source>&amp;Licence:</source>
        <translation>&amp;Lesen:</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../../inspector/gui/controller.py" line="88"/>
        <source>open image: {error}</source>
        <translation>buka imej: {error}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="114"/>
        <source>the {backend} backend cannot open images</source>
        <translation>backend {backend} tidak dapat membuka imej</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="119"/>
        <source>{path}: attaching read-only…</source>
        <translation>{path}: dipasang secara baca sahaja…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="136"/>
        <source>bay map saved: {count} bay(s)</source>
        <translation>peta slot disimpan: {count} slot</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="154"/>
        <source>{path}: cannot be scanned now ({status})</source>
        <translation>{path}: tidak boleh diimbas sekarang ({status})</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="178"/>
        <source>{path}: cancelling…</source>
        <translation>{path}: sedang dibatalkan…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="262"/>
        <source>provisional{why}: {top}</source>
        <translation>sementara{why}: {top}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="277"/>
        <source>bay {bay}</source>
        <translation>slot {bay}</translation>
    </message>
</context>
<context>
    <name>DeskState</name>
    <message>
        <location filename="../../inspector/gui/desk.py" line="53"/>
        <source>detected</source>
        <translation>dikesan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="54"/>
        <source>queued</source>
        <translation>dalam giliran</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="55"/>
        <source>mounting</source>
        <translation>sedang dilekapkan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="56"/>
        <source>surveying</source>
        <translation>sedang meninjau</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="57"/>
        <source>sampling</source>
        <translation>sedang mensampel</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="58"/>
        <source>done</source>
        <translation>selesai</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="59"/>
        <source>incomplete</source>
        <translation>tidak lengkap</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="60"/>
        <source>error</source>
        <translation>ralat</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="61"/>
        <source>removed</source>
        <translation>dicabut</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="62"/>
        <source>system disk, not scanned</source>
        <translation>cakera sistem, tidak diimbas</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="115"/>
        <source>sampling {percent} %</source>
        <translation>mensampel {percent} %</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="118"/>
        <source>surveying: {files} files</source>
        <translation>meninjau: {files} fail</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="122"/>
        <source>removed — partial</source>
        <translation>dicabut — separa</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="128"/>
        <source>removed (partial result kept)</source>
        <translation>dicabut (hasil separa disimpan)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="160"/>
        <source>capacity: the drive reports {capacity} but its filesystem holds only {size} (fake capacity or hidden space?)</source>
        <translation>kapasiti: pemacu melaporkan {capacity} tetapi sistem failnya hanya {size} (kapasiti palsu atau ruang tersembunyi?)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="184"/>
        <source>enter the traveler&apos;s name</source>
        <translation>masukkan nama pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="254"/>
        <source>{path} (bay {bay})</source>
        <translation>{path} (slot {bay})</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="260"/>
        <source>identity: serial {serial} is also reported by {others}</source>
        <translation>identiti: nombor siri {serial} juga dilaporkan oleh {others}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="288"/>
        <source>a traveler named {name} is already in this case</source>
        <translation>pengembara bernama {name} sudah ada dalam kes ini</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="336"/>
        <source>no drive assigned yet</source>
        <translation>belum ada pemacu diperuntukkan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="339"/>
        <source>{count} drive(s) still scanning</source>
        <translation>{count} pemacu masih diimbas</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="367"/>
        <source>within the policy thresholds, but check the drive warnings below before release</source>
        <translation>dalam had dasar, tetapi semak amaran pemacu di bawah sebelum dilepaskan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="358"/>
        <source>pending for {names}</source>
        <translation>belum selesai bagi {names}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="375"/>
        <source>bay {bay}</source>
        <translation>slot {bay}</translation>
    </message>
</context>
<context>
    <name>DriveDetail</name>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="91"/>
        <source>Drive detail</source>
        <translation>Butiran pemacu</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="93"/>
        <source>Drive</source>
        <translation>Pemacu</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="94"/>
        <source>Formats</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="95"/>
        <source>Top extensions</source>
        <translation>Sambungan utama</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="96"/>
        <source>Disguised files</source>
        <translation>Fail menyamar</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="97"/>
        <source>Warnings</source>
        <translation>Amaran</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="98"/>
        <source>Method</source>
        <translation>Kaedah</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="104"/>
        <source>Re-scan with a larger &amp;budget</source>
        <translation>Imbas semula dengan &amp;bajet lebih besar</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="105"/>
        <source>&amp;Full identification</source>
        <translation>Pengenalpastian &amp;penuh</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="106"/>
        <source>&amp;Cancel scan</source>
        <translation>&amp;Batalkan imbasan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="135"/>
        <source>Select a drive to see what is on it.</source>
        <translation>Pilih pemacu untuk melihat kandungannya.</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="148"/>
        <source>unassigned</source>
        <translation>belum diperuntukkan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="154"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · serial {serial} · bay {bay} · {where}&lt;br&gt;{capacity} · status: &lt;b&gt;{status}&lt;/b&gt; · traveler: {owner}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · siri {serial} · slot {bay} · {where}&lt;br&gt;{capacity} · status: &lt;b&gt;{status}&lt;/b&gt; · pengembara: {owner}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="172"/>
        <source>The desk&apos;s own system disk: never mounted or scanned</source>
        <translation>Cakera sistem kaunter ini sendiri: tidak pernah dilekapkan atau diimbas</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="174"/>
        <source>No readable filesystem (encrypted or unknown): raw sampling only</source>
        <translation>Tiada sistem fail yang boleh dibaca (disulitkan atau tidak diketahui): pensampelan mentah sahaja</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="183"/>
        <source>&lt;b&gt;Warnings:&lt;/b&gt; {warnings}</source>
        <translation>&lt;b&gt;Amaran:&lt;/b&gt; {warnings}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="195"/>
        <source>Queued: waiting for a free scan slot</source>
        <translation>Dalam giliran: menunggu giliran imbasan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="196"/>
        <source>Not scanned: see the warning below</source>
        <translation>Tidak diimbas: lihat amaran di bawah</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="197"/>
        <source>Removed before anything was read</source>
        <translation>Dicabut sebelum apa-apa dibaca</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="199"/>
        <source>Scanning…</source>
        <translation>Sedang mengimbas…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="206"/>
        <source>Content not identified (survey only)</source>
        <translation>Kandungan tidak dikenal pasti (tinjauan sahaja)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="208"/>
        <source>No content</source>
        <translation>Tiada kandungan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="221"/>
        <source>{ext}: {files} files, {size}</source>
        <translation>{ext}: {files} fail, {size}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="222"/>
        <source>(none)</source>
        <translation>(tiada)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="233"/>
        <source>{share} of files</source>
        <translation>{share} daripada fail</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="247"/>
        <source>{used} used of {size}</source>
        <translation>{used} digunakan daripada {size}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="253"/>
        <source> · the drive reports {capacity}</source>
        <translation> · pemacu melaporkan {capacity}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="265"/>
        <source>&lt;b&gt;Method:&lt;/b&gt; raw sector sampling (no filesystem could be mounted)</source>
        <translation>&lt;b&gt;Kaedah:&lt;/b&gt; pensampelan sektor mentah (tiada sistem fail dapat dilekapkan)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="268"/>
        <source>&lt;b&gt;Method:&lt;/b&gt; scan budget {budget} s (full)</source>
        <translation>&lt;b&gt;Kaedah:&lt;/b&gt; bajet imbasan {budget} s (penuh)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="269"/>
        <source>&lt;b&gt;Method:&lt;/b&gt; scan budget {budget} s</source>
        <translation>&lt;b&gt;Kaedah:&lt;/b&gt; bajet imbasan {budget} s</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="272"/>
        <source>survey only (counts and sizes; content not identified)</source>
        <translation>tinjauan sahaja (bilangan dan saiz; kandungan tidak dikenal pasti)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="274"/>
        <source>every file identified ({files} files)</source>
        <translation>setiap fail dikenal pasti ({files} fail)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="279"/>
        <source>sampled: {samples} samples, {size} read, {confidence} % intervals, seed {seed}</source>
        <translation>disampel: {samples} sampel, {size} dibaca, selang {confidence} %, benih {seed}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="287"/>
        <source>complete</source>
        <translation>lengkap</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="290"/>
        <source>&lt;b&gt;incomplete&lt;/b&gt;: {size} has no readable filesystem, its files are unknown</source>
        <translation>&lt;b&gt;tidak lengkap&lt;/b&gt;: {size} tiada sistem fail yang boleh dibaca, fail di dalamnya tidak diketahui</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="293"/>
        <source>&lt;b&gt;incomplete&lt;/b&gt; (partial result)</source>
        <translation>&lt;b&gt;tidak lengkap&lt;/b&gt; (hasil separa)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="295"/>
        <source>&lt;b&gt;Method:&lt;/b&gt; {how}; budget {budget} s; {files} files, {size}; {done} in {seconds} s</source>
        <translation>&lt;b&gt;Kaedah:&lt;/b&gt; {how}; bajet {budget} s; {files} fail, {size}; {done} dalam {seconds} s</translation>
    </message>
</context>
<context>
    <name>DrivesModel</name>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="34"/>
        <source>Bay</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="35"/>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="36"/>
        <source>Serial</source>
        <translation>No. siri</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="37"/>
        <source>Capacity</source>
        <translation>Kapasiti</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="38"/>
        <source>Used</source>
        <translation>Digunakan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="39"/>
        <source>Fill</source>
        <translation>Terisi</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="40"/>
        <source>Filesystem</source>
        <translation>Sistem fail</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="41"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="42"/>
        <source>Traveler</source>
        <translation>Pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="43"/>
        <source>AI data</source>
        <translation>Data AI</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="47"/>
        <source>Share of the data that is AI datasets or model weights, with its 95 % interval</source>
        <translation>Bahagian data yang merupakan set data AI atau pemberat model, dengan selang 95 %</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="51"/>
        <source>Warnings: identity, capacity, read errors</source>
        <translation>Amaran: identiti, kapasiti, ralat baca</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="52"/>
        <source>How full the drive&apos;s filesystems are</source>
        <translation>Sejauh mana sistem fail pemacu terisi</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="122"/>
        <source>none</source>
        <translation>tiada</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="148"/>
        <source>unassigned</source>
        <translation>belum diperuntukkan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="151"/>
        <source>unreadable (raw)</source>
        <translation>tidak boleh dibaca (mentah)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="220"/>
        <source>image {name}</source>
        <translation>imej {name}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="221"/>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
</context>
<context>
    <name>FillBar</name>
    <message>
        <location filename="../../inspector/gui/widgets/fill_bar.py" line="53"/>
        <source>Fill</source>
        <translation>Terisi</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/fill_bar.py" line="58"/>
        <source>not measured yet</source>
        <translation>belum diukur</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="46"/>
        <source>unknown (removed — partial)</source>
        <translation>tidak diketahui (dicabut — separa)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="48"/>
        <source>{share} (removed — partial)</source>
        <translation>{share} (dicabut — separa)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="50"/>
        <source>not identified</source>
        <translation>tidak dikenal pasti</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="56"/>
        <source>partial: {share}</source>
        <translation>separa: {share}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="86"/>
        <source>{format} header</source>
        <translation>pengepala {format}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="88"/>
        <source>no known header</source>
        <translation>tiada pengepala yang dikenali</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="89"/>
        <source>raw sampling: {header}; high-entropy blocks {share} ({blocks} blocks)</source>
        <translation>pensampelan mentah: {header}; blok entropi tinggi {share} ({blocks} blok)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="299"/>
        <source>no translation installed for {language}; the desk stays as it is</source>
        <translation>tiada terjemahan dipasang untuk {language}; kaunter kekal seperti sedia ada</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="308"/>
        <source>Inspector — inspection desk</source>
        <translation>Inspector — kaunter pemeriksaan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="311"/>
        <source>{title} — TRAINING: {scenario}</source>
        <translation>{title} — LATIHAN: {scenario}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="314"/>
        <source>Case</source>
        <translation>Kes</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="315"/>
        <location filename="../../inspector/gui/main_window.py" line="352"/>
        <source>Add traveler</source>
        <translation>Tambah pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="316"/>
        <source>Bays</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="317"/>
        <source>Drive detail</source>
        <translation>Butiran pemacu</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="319"/>
        <source>Trainee verdicts &amp;&amp; score</source>
        <translation>Keputusan pelatih &amp;&amp; markah</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="323"/>
        <source>TRAINING — scenario “{scenario}”: simulated drives, not a live case</source>
        <translation>LATIHAN — senario “{scenario}”: pemacu simulasi, bukan kes sebenar</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="326"/>
        <source>Training banner</source>
        <translation>Sepanduk latihan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="327"/>
        <location filename="../../inspector/gui/main_window.py" line="352"/>
        <source>Drives</source>
        <translation>Pemacu</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="328"/>
        <location filename="../../inspector/gui/main_window.py" line="352"/>
        <source>Travelers</source>
        <translation>Pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="329"/>
        <source>Drop drives here to assign them to a traveler</source>
        <translation>Lepaskan pemacu di sini untuk memperuntukkannya kepada pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="330"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="331"/>
        <source>&amp;File</source>
        <translation>&amp;Fail</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="332"/>
        <source>Open image…</source>
        <translation>Buka imej…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="335"/>
        <source>images open on the live desk (udev backend)</source>
        <translation>imej dibuka pada kaunter sebenar (backend udev)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="337"/>
        <source>&amp;Case</source>
        <translation>&amp;Kes</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="338"/>
        <source>Open a new case…</source>
        <translation>Buka kes baharu…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="339"/>
        <source>Continue an open case…</source>
        <translation>Sambung kes yang terbuka…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="340"/>
        <source>Export report…</source>
        <translation>Eksport laporan…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="343"/>
        <source>the case store is not part of this build</source>
        <translation>stor kes tiada dalam binaan ini</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="344"/>
        <source>Policy…</source>
        <translation>Dasar…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="345"/>
        <source>&amp;Drive</source>
        <translation>&amp;Pemacu</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="346"/>
        <source>Re-scan with a larger budget</source>
        <translation>Imbas semula dengan bajet lebih besar</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="347"/>
        <source>Full identification</source>
        <translation>Pengenalpastian penuh</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="348"/>
        <source>Cancel scan</source>
        <translation>Batalkan imbasan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="349"/>
        <source>&amp;Training</source>
        <translation>&amp;Latihan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="350"/>
        <source>Play a scenario…</source>
        <translation>Main senario…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>&amp;Paparan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="355"/>
        <source>&amp;Language</source>
        <translation>&amp;Bahasa</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="357"/>
        <source>System default</source>
        <translation>Ikut sistem</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="368"/>
        <source>TRAINING case: {title}</source>
        <translation>Kes LATIHAN: {title}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="372"/>
        <source>Case: new (not yet saved)</source>
        <translation>Kes: baharu (belum disimpan)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="388"/>
        <source>policy editing is not part of this build</source>
        <translation>penyuntingan dasar tiada dalam binaan ini</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="407"/>
        <source>Play a training scenario</source>
        <translation>Main senario latihan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="408"/>
        <source>Scenario (simulated drives):</source>
        <translation>Senario (pemacu simulasi):</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="444"/>
        <source>Open a new case</source>
        <translation>Buka kes baharu</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="444"/>
        <source>Officer (name or number):</source>
        <translation>Pegawai (nama atau nombor):</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="451"/>
        <location filename="../../inspector/gui/main_window.py" line="459"/>
        <source>case store: {error}</source>
        <translation>stor kes: {error}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="463"/>
        <source>no open case in the case store</source>
        <translation>tiada kes terbuka dalam stor kes</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="466"/>
        <source>case {id} · {officer} · {desk} · opened {opened}</source>
        <translation>kes {id} · {officer} · {desk} · dibuka {opened}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="472"/>
        <source>Continue a case</source>
        <translation>Sambung kes</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="472"/>
        <source>Open cases:</source>
        <translation>Kes terbuka:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="483"/>
        <source>case {id}: {error}</source>
        <translation>kes {id}: {error}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="491"/>
        <source>Open an evidence image (attached read-only)</source>
        <translation>Buka imej bukti (dipasang secara baca sahaja)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="493"/>
        <source>Disk images (*)</source>
        <translation>Imej cakera (*)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="508"/>
        <source>Export the case report to</source>
        <translation>Eksport laporan kes ke</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="511"/>
        <source>writing the report…</source>
        <translation>sedang menulis laporan…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="554"/>
        <source>Assign to</source>
        <translation>Peruntukkan kepada</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="560"/>
        <source>(add a traveler first)</source>
        <translation>(tambah pengembara dahulu)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="561"/>
        <source>Unassign</source>
        <translation>Batalkan peruntukan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="574"/>
        <source>Edit declaration…</source>
        <translation>Sunting pengisytiharan…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="659"/>
        <source>{backend} (TRAINING)</source>
        <translation>{backend} (LATIHAN)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="661"/>
        <source>Read-only · backend: {backend} · {drives} drive(s), {busy} scanning</source>
        <translation>Baca sahaja · backend: {backend} · {drives} pemacu, {busy} sedang diimbas</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="665"/>
        <source>, {count} not assigned to a traveler</source>
        <translation>, {count} belum diperuntukkan kepada pengembara</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="26"/>
        <source>Drive capacity carried</source>
        <translation>Kapasiti pemacu yang dibawa</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="27"/>
        <source>Data beyond the declaration</source>
        <translation>Data melebihi pengisytiharan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="28"/>
        <source>AI data needing a licence check</source>
        <translation>Data AI yang perlu semakan lesen</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="29"/>
        <source>Encrypted share of the data</source>
        <translation>Bahagian data yang disulitkan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="30"/>
        <source>Disguised files (share of files)</source>
        <translation>Fail menyamar (bahagian daripada fail)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="52"/>
        <source>Policy: {name}</source>
        <translation>Dasar: {name}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="53"/>
        <source>Policy</source>
        <translation>Dasar</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="55"/>
        <source>the upper end of each 95 % interval (could it exceed?)</source>
        <translation>hujung atas setiap selang 95 % (mungkinkah melebihi?)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="57"/>
        <source>the estimates</source>
        <translation>anggaran</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="60"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; version {version} — thresholds compare {basis}.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; versi {version} — had membandingkan {basis}.</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="67"/>
        <source>Thresholds</source>
        <translation>Had</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="69"/>
        <source>Refer when above</source>
        <translation>Rujuk jika melebihi</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="69"/>
        <source>Per traveler</source>
        <translation>Setiap pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="69"/>
        <source>Per group</source>
        <translation>Setiap kumpulan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="86"/>
        <source>Policy text</source>
        <translation>Teks dasar</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="92"/>
        <source>Policy status</source>
        <translation>Status dasar</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="96"/>
        <source>&amp;Validate and save</source>
        <translation>&amp;Sahkan dan simpan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="104"/>
        <source>Policy file (supervisor: edits apply to cases opened from now on):</source>
        <translation>Fail dasar (penyelia: suntingan berkuat kuasa bagi kes yang dibuka mulai sekarang):</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="106"/>
        <source>Policy file (read-only; a supervisor edits it):</source>
        <translation>Fail dasar (baca sahaja; disunting oleh penyelia):</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="120"/>
        <source>Saved: new cases use this policy; the change is audited.</source>
        <translation>Disimpan: kes baharu menggunakan dasar ini; perubahan diaudit.</translation>
    </message>
</context>
<context>
    <name>PostBanner</name>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="38"/>
        <source>Post banner</source>
        <translation>Sepanduk pos</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="97"/>
        <source>offline — {n} actions waiting for the post&apos;s server</source>
        <translation>luar talian — {n} tindakan menunggu pelayan pos</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="105"/>
        <source>{n} action(s) done offline were refused by the post&apos;s server: {why}</source>
        <translation>{n} tindakan yang dibuat di luar talian ditolak oleh pelayan pos: {why}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="111"/>
        <source>REFER</source>
        <translation>RUJUK</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="112"/>
        <source>PENDING</source>
        <translation>BELUM SELESAI</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="113"/>
        <source>CLEAR</source>
        <translation>LULUS</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="117"/>
        <source>Group {name}: {verdict} on every desk&apos;s drives — {members} travelers at {desks} desks, {drives} drives, {used} found</source>
        <translation>Kumpulan {name}: {verdict} bagi pemacu semua kaunter — {members} pengembara di {desks} kaunter, {drives} pemacu, {used} ditemui</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="11"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="12"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="13"/>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="14"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="15"/>
        <source>Apply</source>
        <translation>Guna</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="18"/>
        <source>Scroll Left</source>
        <translation>Tatal ke kiri</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="19"/>
        <source>Scroll Right</source>
        <translation>Tatal ke kanan</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="17"/>
        <source>{rule}: {figure}, over the {threshold} threshold</source>
        <translation>{rule}: {figure}, melebihi had {threshold}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="18"/>
        <source>{rule}: over {threshold} cannot be ruled out (up to {figure})</source>
        <translation>{rule}: melebihi {threshold} tidak dapat ditolak (sehingga {figure})</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="19"/>
        <source>{rule}: over the {threshold} threshold (up to {figure})</source>
        <translation>{rule}: melebihi had {threshold} (sehingga {figure})</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="20"/>
        <source>{rule}: over the {threshold} threshold (estimate {figure})</source>
        <translation>{rule}: melebihi had {threshold} (anggaran {figure})</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="21"/>
        <source>all figures of this traveler are within the policy thresholds</source>
        <translation>semua angka pengembara ini dalam had dasar</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="22"/>
        <source>all figures of the group are within the policy thresholds</source>
        <translation>semua angka kumpulan ini dalam had dasar</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="23"/>
        <source>so far: </source>
        <translation>setakat ini: </translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="24"/>
        <source>no drive recorded yet</source>
        <translation>belum ada pemacu direkodkan</translation>
    </message>
</context>
<context>
    <name>TotalsBox</name>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="52"/>
        <source>Declared:</source>
        <translation>Diisytiharkan:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="53"/>
        <source>Drives:</source>
        <translation>Pemacu:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="54"/>
        <source>Capacity:</source>
        <translation>Kapasiti:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="55"/>
        <source>Used:</source>
        <translation>Digunakan:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="56"/>
        <source>AI data:</source>
        <translation>Data AI:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="57"/>
        <source>Policy:</source>
        <translation>Dasar:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="64"/>
        <source>Who</source>
        <translation>Siapa</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="65"/>
        <source>Reasons</source>
        <translation>Sebab</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="66"/>
        <source>Drive warnings</source>
        <translation>Amaran pemacu</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="79"/>
        <source>not known yet (no scan finished)</source>
        <translation>belum diketahui (tiada imbasan selesai)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="80"/>
        <source>not known yet</source>
        <translation>belum diketahui</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="84"/>
        <source>{estimate}  (95 % interval)</source>
        <translation>{estimate}  (selang 95 %)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="87"/>
        <source>capacity ≤ {capacity}, undeclared ≤ {undeclared}, AI data ≤ {ai}</source>
        <translation>kapasiti ≤ {capacity}, tidak diisytiharkan ≤ {undeclared}, data AI ≤ {ai}</translation>
    </message>
</context>
<context>
    <name>TraineePanel</name>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="84"/>
        <source>Trainee verdicts</source>
        <translation>Keputusan pelatih</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="87"/>
        <source>Inspect the drives, then give your verdict for each traveler and group. The score compares it with the instructor&apos;s answer.</source>
        <translation>Periksa pemacu, kemudian beri keputusan anda bagi setiap pengembara dan kumpulan. Markah membandingkannya dengan jawapan jurulatih.</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="91"/>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="130"/>
        <source>traveler</source>
        <translation>pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="91"/>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="131"/>
        <source>group</source>
        <translation>kumpulan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="92"/>
        <source>Clear</source>
        <translation>Lulus</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="92"/>
        <source>Refer</source>
        <translation>Rujuk</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="99"/>
        <source>{verdict} for {name}</source>
        <translation>{verdict} bagi {name}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="101"/>
        <source>&amp;Submit verdicts and see the score</source>
        <translation>&amp;Hantar keputusan dan lihat markah</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="102"/>
        <source>Score</source>
        <translation>Markah</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="133"/>
        <source>The desk&apos;s reasons:</source>
        <translation>Sebab daripada kaunter:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="142"/>
        <source>no answer</source>
        <translation>tiada jawapan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="160"/>
        <source>Who</source>
        <translation>Siapa</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="161"/>
        <source>You</source>
        <translation>Anda</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="162"/>
        <source>Expected</source>
        <translation>Dijangka</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="164"/>
        <source>Why</source>
        <translation>Mengapa</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="167"/>
        <source>Score: {matches} / {total} ({percent} %)</source>
        <translation>Markah: {matches} / {total} ({percent} %)</translation>
    </message>
</context>
<context>
    <name>TravelerForm</name>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="65"/>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="66"/>
        <source>Add traveler</source>
        <translation>Tambah pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="68"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="68"/>
        <source>as in the passport</source>
        <translation>seperti dalam pasport</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="68"/>
        <source>Traveler name</source>
        <translation>Nama pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="71"/>
        <source>&amp;Document:</source>
        <translation>&amp;Dokumen:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="72"/>
        <source>passport or ID number</source>
        <translation>nombor pasport atau kad pengenalan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="73"/>
        <source>Travel document</source>
        <translation>Dokumen perjalanan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="77"/>
        <source>&amp;Group:</source>
        <translation>&amp;Kumpulan:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="78"/>
        <source>travelling together (optional)</source>
        <translation>mengembara bersama (pilihan)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="79"/>
        <source>Group</source>
        <translation>Kumpulan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="83"/>
        <source>Dec&amp;laration:</source>
        <translation>Pengisy&amp;tiharan:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="84"/>
        <source>e.g. personal backups</source>
        <translation>cth. sandaran peribadi</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="85"/>
        <source>Declaration</source>
        <translation>Pengisytiharan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="87"/>
        <source>&amp;Volume:</source>
        <translation>&amp;Isi padu:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="87"/>
        <source>e.g. 2 TB</source>
        <translation>cth. 2 TB</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="87"/>
        <source>Declared volume</source>
        <translation>Isi padu diisytiharkan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="93"/>
        <source>Receipt l&amp;anguage:</source>
        <translation>B&amp;ahasa resit:</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="94"/>
        <source>Receipt language</source>
        <translation>Bahasa resit</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="95"/>
        <source>The language the traveler&apos;s receipt is printed in</source>
        <translation>Bahasa yang digunakan untuk mencetak resit pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="96"/>
        <source>Form error</source>
        <translation>Ralat borang</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="97"/>
        <source>&amp;Add traveler</source>
        <translation>&amp;Tambah pengembara</translation>
    </message>
</context>
<context>
    <name>TravelerPanel</name>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="124"/>
        <source>Traveler totals</source>
        <translation>Jumlah pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="125"/>
        <source>Select a traveler to see their totals and verdict.</source>
        <translation>Pilih pengembara untuk melihat jumlah dan keputusannya.</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="126"/>
        <source>Threshold rule</source>
        <translation>Peraturan had</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="140"/>
        <source>figures from sampling are compared at the upper end of their 95 % interval</source>
        <translation>angka daripada pensampelan dibandingkan pada hujung atas selang 95 %</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="142"/>
        <source>figures from sampling are compared at their estimate</source>
        <translation>angka daripada pensampelan dibandingkan pada anggarannya</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="146"/>
        <source>Thresholds: {rule}.</source>
        <translation>Had: {rule}.</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="150"/>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="168"/>
        <source>nothing</source>
        <translation>tiada</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="155"/>
        <source>document {document}</source>
        <translation>dokumen {document}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="159"/>
        <source>Traveler</source>
        <translation>Pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="172"/>
        <source>Group: {group}</source>
        <translation>Kumpulan: {group}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="173"/>
        <source>Group</source>
        <translation>Kumpulan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="178"/>
        <source>members: {names}</source>
        <translation>ahli: {names}</translation>
    </message>
</context>
<context>
    <name>TravelersModel</name>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="31"/>
        <source>Traveler</source>
        <translation>Pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="32"/>
        <source>Document</source>
        <translation>Dokumen</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="33"/>
        <source>Group</source>
        <translation>Kumpulan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="34"/>
        <source>Declared</source>
        <translation>Diisytiharkan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="35"/>
        <source>Drives</source>
        <translation>Pemacu</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="36"/>
        <source>Capacity</source>
        <translation>Kapasiti</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="37"/>
        <source>AI data</source>
        <translation>Data AI</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="38"/>
        <source>Verdict</source>
        <translation>Keputusan</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="115"/>
        <source>nothing</source>
        <translation>tiada</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="147"/>
        <source>CLEAR</source>
        <translation>LULUS</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="148"/>
        <source>REFER</source>
        <translation>RUJUK</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="149"/>
        <source>PENDING</source>
        <translation>BELUM SELESAI</translation>
    </message>
</context>
<context>
    <name>VerdictBadge</name>
    <message>
        <location filename="../../inspector/gui/widgets/verdict_badge.py" line="28"/>
        <source>Verdict</source>
        <translation>Keputusan</translation>
    </message>
</context>
<context>
    <name>_BayTable</name>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="61"/>
        <source>Bay to traveler map</source>
        <translation>Peta slot kepada pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="62"/>
        <source>Bay</source>
        <translation>Slot</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="62"/>
        <source>Traveler</source>
        <translation>Pengembara</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="91"/>
        <source>Traveler for bay {bay}</source>
        <translation>Pengembara bagi slot {bay}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="94"/>
        <source>— unassigned —</source>
        <translation>— belum diperuntukkan —</translation>
    </message>
</context>
</TS>
