<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BayLabelsDialog</name>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="38"/>
        <source>Bay labels of the dock</source>
        <translation>扩展坞槽位标签</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="42"/>
        <source>Each &lt;code&gt;[[bay]]&lt;/code&gt; maps a dock port (udev &lt;code&gt;ID_PATH&lt;/code&gt;, shell-style pattern) to the label printed on the bay. Find a port with &lt;code&gt;udevadm info --query=property --name=/dev/sdX&lt;/code&gt;.</source>
        <translation>每个 &lt;code&gt;[[bay]]&lt;/code&gt; 把一个扩展坞端口（udev &lt;code&gt;ID_PATH&lt;/code&gt;，shell 通配符）对应到槽位上印的标签。查找端口：&lt;code&gt;udevadm info --query=property --name=/dev/sdX&lt;/code&gt;。</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="49"/>
        <source>Bay map (TOML)</source>
        <translation>槽位映射（TOML）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="53"/>
        <source>Bay map error</source>
        <translation>槽位映射错误</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="54"/>
        <source>Load the 15-bay example</source>
        <translation>载入 15 槽位示例</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_labels_dialog.py" line="73"/>
        <source>cannot read the example: {error}</source>
        <translation>无法读取示例：{error}</translation>
    </message>
</context>
<context>
    <name>BayMap</name>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="38"/>
        <source>Bay &amp;labels of the dock…</source>
        <translation>扩展坞槽位标签(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="39"/>
        <source>Which dock port is which bay (a TOML bay map)</source>
        <translation>哪个扩展坞端口对应哪个槽位（TOML 槽位映射）</translation>
    </message>
</context>
<context>
    <name>CaseRecorder</name>
    <message>
        <location filename="../../inspector/gui/case_record.py" line="79"/>
        <source>TRAINING case {id} · officer {officer} · opened {opened}</source>
        <translation>培训案件 {id} · 关员 {officer} · 开立于 {opened}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/case_record.py" line="81"/>
        <source>Case {id} · officer {officer} · opened {opened}</source>
        <translation>案件 {id} · 关员 {officer} · 开立于 {opened}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/case_record.py" line="204"/>
        <source>case store: {what} not recorded: {error}</source>
        <translation>案件库：{what} 未记录：{error}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/case_record.py" line="278"/>
        <source>report of case {id} written to {stem}.pdf, .csv and .json, receipts beside it (BLAKE3 {digest}…)</source>
        <translation>案件 {id} 的报告已写入 {stem}.pdf、.csv 和 .json，回执在同一文件夹（BLAKE3 {digest}…）</translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="163"/>
        <source>ai-dataset</source>
        <translation>AI 数据集</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="164"/>
        <source>ai-model</source>
        <translation>AI 模型权重</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="165"/>
        <source>archive</source>
        <translation>压缩包</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="166"/>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="167"/>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="168"/>
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="169"/>
        <source>document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="170"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="171"/>
        <source>executable</source>
        <translation>可执行文件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="172"/>
        <source>database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="173"/>
        <source>disk-image</source>
        <translation>磁盘映像</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="174"/>
        <source>encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="175"/>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="176"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>CategoryChart</name>
    <message>
        <location filename="../../inspector/gui/widgets/category_chart.py" line="44"/>
        <location filename="../../inspector/gui/widgets/category_chart.py" line="50"/>
        <source>Content not identified yet</source>
        <translation>内容尚未识别</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/category_chart.py" line="46"/>
        <source>Category mix</source>
        <translation>类别构成</translation>
    </message>
</context>
<context>
    <name>DeclarationDialog</name>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="19"/>
        <source>Declaration of {name}</source>
        <translation>{name} 的申报</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="21"/>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="31"/>
        <source>Declaration</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="29"/>
        <source>e.g. 2 TB (empty: no volume declared)</source>
        <translation>例如 2 TB（留空：未申报数据量）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="32"/>
        <source>Declared volume</source>
        <translation>申报数据量</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="33"/>
        <source>Licence reference</source>
        <translation>许可证编号</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="39"/>
        <source>Declaration error</source>
        <translation>申报错误</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="46"/>
        <source>&amp;Declaration:</source>
        <translation>申报(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="47"/>
        <source>&amp;Volume:</source>
        <translation>数据量(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/declaration_dialog.py" line="48"/>
        <source>&amp;Licence:</source>
        <translation>许可证(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../../inspector/gui/controller.py" line="88"/>
        <source>open image: {error}</source>
        <translation>打开映像：{error}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="114"/>
        <source>the {backend} backend cannot open images</source>
        <translation>{backend} 后端无法打开映像</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="119"/>
        <source>{path}: attaching read-only…</source>
        <translation>{path}：正在以只读方式挂接…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="136"/>
        <source>bay map saved: {count} bay(s)</source>
        <translation>槽位映射已保存：{count} 个槽位</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="154"/>
        <source>{path}: cannot be scanned now ({status})</source>
        <translation>{path}：现在无法扫描（{status}）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="178"/>
        <source>{path}: cancelling…</source>
        <translation>{path}：正在取消…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="262"/>
        <source>provisional{why}: {top}</source>
        <translation>初步{why}：{top}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/controller.py" line="277"/>
        <source>bay {bay}</source>
        <translation>槽位 {bay}</translation>
    </message>
</context>
<context>
    <name>DeskState</name>
    <message>
        <location filename="../../inspector/gui/desk.py" line="53"/>
        <source>detected</source>
        <translation>已检测到</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="54"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="55"/>
        <source>mounting</source>
        <translation>正在挂载</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="56"/>
        <source>surveying</source>
        <translation>正在清点</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="57"/>
        <source>sampling</source>
        <translation>正在抽样</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="58"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="59"/>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="60"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="61"/>
        <source>removed</source>
        <translation>已拔出</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="62"/>
        <source>system disk, not scanned</source>
        <translation>系统盘，不扫描</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="115"/>
        <source>sampling {percent} %</source>
        <translation>抽样 {percent} %</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="118"/>
        <source>surveying: {files} files</source>
        <translation>清点中：{files} 个文件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="122"/>
        <source>removed — partial</source>
        <translation>已拔出 — 部分结果</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="128"/>
        <source>removed (partial result kept)</source>
        <translation>已拔出（保留部分结果）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="160"/>
        <source>capacity: the drive reports {capacity} but its filesystem holds only {size} (fake capacity or hidden space?)</source>
        <translation>容量：驱动器报告 {capacity}，但其文件系统只有 {size}（虚标容量或隐藏空间？）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="184"/>
        <source>enter the traveler&apos;s name</source>
        <translation>请输入旅客姓名</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="254"/>
        <source>{path} (bay {bay})</source>
        <translation>{path}（槽位 {bay}）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="260"/>
        <source>identity: serial {serial} is also reported by {others}</source>
        <translation>身份：序列号 {serial} 也出现在 {others}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="288"/>
        <source>a traveler named {name} is already in this case</source>
        <translation>本案件中已有名为 {name} 的旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="336"/>
        <source>no drive assigned yet</source>
        <translation>尚未分配驱动器</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="339"/>
        <source>{count} drive(s) still scanning</source>
        <translation>{count} 个驱动器仍在扫描</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="367"/>
        <source>within the policy thresholds, but check the drive warnings below before release</source>
        <translation>在政策阈值之内，但放行前请核查下方的驱动器警告</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="358"/>
        <source>pending for {names}</source>
        <translation>{names} 待定</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/desk.py" line="375"/>
        <source>bay {bay}</source>
        <translation>槽位 {bay}</translation>
    </message>
</context>
<context>
    <name>DriveDetail</name>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="91"/>
        <source>Drive detail</source>
        <translation>驱动器详情</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="93"/>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="94"/>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="95"/>
        <source>Top extensions</source>
        <translation>主要扩展名</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="96"/>
        <source>Disguised files</source>
        <translation>伪装文件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="97"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="98"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="104"/>
        <source>Re-scan with a larger &amp;budget</source>
        <translation>以更大时间预算重新扫描(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="105"/>
        <source>&amp;Full identification</source>
        <translation>完整识别(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="106"/>
        <source>&amp;Cancel scan</source>
        <translation>取消扫描(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="135"/>
        <source>Select a drive to see what is on it.</source>
        <translation>选择一个驱动器以查看其内容。</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="148"/>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="154"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · serial {serial} · bay {bay} · {where}&lt;br&gt;{capacity} · status: &lt;b&gt;{status}&lt;/b&gt; · traveler: {owner}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · 序列号 {serial} · 槽位 {bay} · {where}&lt;br&gt;{capacity} · 状态：&lt;b&gt;{status}&lt;/b&gt; · 旅客：{owner}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="172"/>
        <source>The desk&apos;s own system disk: never mounted or scanned</source>
        <translation>本查验台自身的系统盘：不挂载、不扫描</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="174"/>
        <source>No readable filesystem (encrypted or unknown): raw sampling only</source>
        <translation>没有可读的文件系统（已加密或未知）：仅做原始抽样</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="183"/>
        <source>&lt;b&gt;Warnings:&lt;/b&gt; {warnings}</source>
        <translation>&lt;b&gt;警告：&lt;/b&gt;{warnings}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="195"/>
        <source>Queued: waiting for a free scan slot</source>
        <translation>排队中：等待空闲的扫描名额</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="196"/>
        <source>Not scanned: see the warning below</source>
        <translation>未扫描：见下方警告</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="197"/>
        <source>Removed before anything was read</source>
        <translation>尚未读取任何内容即被拔出</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="199"/>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="206"/>
        <source>Content not identified (survey only)</source>
        <translation>未识别内容（仅清点）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="208"/>
        <source>No content</source>
        <translation>无内容</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="221"/>
        <source>{ext}: {files} files, {size}</source>
        <translation>{ext}：{files} 个文件，{size}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="222"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="233"/>
        <source>{share} of files</source>
        <translation>占文件数 {share}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="247"/>
        <source>{used} used of {size}</source>
        <translation>已用 {used} / 共 {size}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="253"/>
        <source> · the drive reports {capacity}</source>
        <translation> · 驱动器报告 {capacity}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="265"/>
        <source>&lt;b&gt;Method:&lt;/b&gt; raw sector sampling (no filesystem could be mounted)</source>
        <translation>&lt;b&gt;方法：&lt;/b&gt;原始扇区抽样（无法挂载任何文件系统）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="268"/>
        <source>&lt;b&gt;Method:&lt;/b&gt; scan budget {budget} s (full)</source>
        <translation>&lt;b&gt;方法：&lt;/b&gt;扫描时间预算 {budget} 秒（完整）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="269"/>
        <source>&lt;b&gt;Method:&lt;/b&gt; scan budget {budget} s</source>
        <translation>&lt;b&gt;方法：&lt;/b&gt;扫描时间预算 {budget} 秒</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="272"/>
        <source>survey only (counts and sizes; content not identified)</source>
        <translation>仅清点（数量和大小；未识别内容）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="274"/>
        <source>every file identified ({files} files)</source>
        <translation>已识别全部文件（{files} 个）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="279"/>
        <source>sampled: {samples} samples, {size} read, {confidence} % intervals, seed {seed}</source>
        <translation>抽样：{samples} 个样本，读取 {size}，{confidence} % 区间，种子 {seed}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="287"/>
        <source>complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="290"/>
        <source>&lt;b&gt;incomplete&lt;/b&gt;: {size} has no readable filesystem, its files are unknown</source>
        <translation>&lt;b&gt;不完整&lt;/b&gt;：{size} 没有可读取的文件系统，其中的文件未知</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="293"/>
        <source>&lt;b&gt;incomplete&lt;/b&gt; (partial result)</source>
        <translation>&lt;b&gt;不完整&lt;/b&gt;（部分结果）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/drive_detail.py" line="295"/>
        <source>&lt;b&gt;Method:&lt;/b&gt; {how}; budget {budget} s; {files} files, {size}; {done} in {seconds} s</source>
        <translation>&lt;b&gt;方法：&lt;/b&gt;{how}；预算 {budget} 秒；{files} 个文件，{size}；{done}，用时 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>DrivesModel</name>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="34"/>
        <source>Bay</source>
        <translation>槽位</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="35"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="36"/>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="37"/>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="38"/>
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="39"/>
        <source>Fill</source>
        <translation>占用率</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="40"/>
        <source>Filesystem</source>
        <translation>文件系统</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="41"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="42"/>
        <source>Traveler</source>
        <translation>旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="43"/>
        <source>AI data</source>
        <translation>AI 数据</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="47"/>
        <source>Share of the data that is AI datasets or model weights, with its 95 % interval</source>
        <translation>AI 数据集或模型权重占数据的比例，附 95 % 区间</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="51"/>
        <source>Warnings: identity, capacity, read errors</source>
        <translation>警告：身份、容量、读取错误</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="52"/>
        <source>How full the drive&apos;s filesystems are</source>
        <translation>驱动器文件系统的占用程度</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="122"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="148"/>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="151"/>
        <source>unreadable (raw)</source>
        <translation>不可读（原始）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="220"/>
        <source>image {name}</source>
        <translation>映像 {name}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/drives.py" line="221"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>FillBar</name>
    <message>
        <location filename="../../inspector/gui/widgets/fill_bar.py" line="53"/>
        <source>Fill</source>
        <translation>占用率</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/fill_bar.py" line="58"/>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="46"/>
        <source>unknown (removed — partial)</source>
        <translation>未知（已拔出 — 部分结果）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="48"/>
        <source>{share} (removed — partial)</source>
        <translation>{share}（已拔出 — 部分结果）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="50"/>
        <source>not identified</source>
        <translation>未识别</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="56"/>
        <source>partial: {share}</source>
        <translation>部分：{share}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="86"/>
        <source>{format} header</source>
        <translation>{format} 文件头</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="88"/>
        <source>no known header</source>
        <translation>无已知文件头</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/format.py" line="89"/>
        <source>raw sampling: {header}; high-entropy blocks {share} ({blocks} blocks)</source>
        <translation>原始抽样：{header}；高熵块 {share}（{blocks} 块）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="299"/>
        <source>no translation installed for {language}; the desk stays as it is</source>
        <translation>未安装 {language} 的翻译；界面保持不变</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="308"/>
        <source>Inspector — inspection desk</source>
        <translation>Inspector — 查验台</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="311"/>
        <source>{title} — TRAINING: {scenario}</source>
        <translation>{title} — 培训：{scenario}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="314"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="315"/>
        <location filename="../../inspector/gui/main_window.py" line="352"/>
        <source>Add traveler</source>
        <translation>添加旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="316"/>
        <source>Bays</source>
        <translation>槽位</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="317"/>
        <source>Drive detail</source>
        <translation>驱动器详情</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="319"/>
        <source>Trainee verdicts &amp;&amp; score</source>
        <translation>学员结论 &amp;&amp; 得分</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="323"/>
        <source>TRAINING — scenario “{scenario}”: simulated drives, not a live case</source>
        <translation>培训 — 场景“{scenario}”：模拟驱动器，并非真实案件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="326"/>
        <source>Training banner</source>
        <translation>培训横幅</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="327"/>
        <location filename="../../inspector/gui/main_window.py" line="352"/>
        <source>Drives</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="328"/>
        <location filename="../../inspector/gui/main_window.py" line="352"/>
        <source>Travelers</source>
        <translation>旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="329"/>
        <source>Drop drives here to assign them to a traveler</source>
        <translation>把驱动器拖到这里，分配给旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="330"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="331"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="332"/>
        <source>Open image…</source>
        <translation>打开映像…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="335"/>
        <source>images open on the live desk (udev backend)</source>
        <translation>映像只能在实际查验台上打开（udev 后端）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="337"/>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="338"/>
        <source>Open a new case…</source>
        <translation>开立新案件…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="339"/>
        <source>Continue an open case…</source>
        <translation>继续未结案件…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="340"/>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="343"/>
        <source>the case store is not part of this build</source>
        <translation>此版本不含案件库</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="344"/>
        <source>Policy…</source>
        <translation>政策…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="345"/>
        <source>&amp;Drive</source>
        <translation>驱动器(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="346"/>
        <source>Re-scan with a larger budget</source>
        <translation>以更大时间预算重新扫描</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="347"/>
        <source>Full identification</source>
        <translation>完整识别</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="348"/>
        <source>Cancel scan</source>
        <translation>取消扫描</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="349"/>
        <source>&amp;Training</source>
        <translation>培训(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="350"/>
        <source>Play a scenario…</source>
        <translation>运行培训场景…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="351"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="355"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="357"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="368"/>
        <source>TRAINING case: {title}</source>
        <translation>培训案件：{title}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="372"/>
        <source>Case: new (not yet saved)</source>
        <translation>案件：新建（尚未保存）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="388"/>
        <source>policy editing is not part of this build</source>
        <translation>此版本不含政策编辑</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="407"/>
        <source>Play a training scenario</source>
        <translation>运行培训场景</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="408"/>
        <source>Scenario (simulated drives):</source>
        <translation>场景（模拟驱动器）：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="444"/>
        <source>Open a new case</source>
        <translation>开立新案件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="444"/>
        <source>Officer (name or number):</source>
        <translation>关员（姓名或编号）：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="451"/>
        <location filename="../../inspector/gui/main_window.py" line="459"/>
        <source>case store: {error}</source>
        <translation>案件库：{error}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="463"/>
        <source>no open case in the case store</source>
        <translation>案件库中没有未结案件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="466"/>
        <source>case {id} · {officer} · {desk} · opened {opened}</source>
        <translation>案件 {id} · {officer} · {desk} · 开立于 {opened}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="472"/>
        <source>Continue a case</source>
        <translation>继续案件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="472"/>
        <source>Open cases:</source>
        <translation>未结案件：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="483"/>
        <source>case {id}: {error}</source>
        <translation>案件 {id}：{error}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="491"/>
        <source>Open an evidence image (attached read-only)</source>
        <translation>打开证据映像（只读挂接）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="493"/>
        <source>Disk images (*)</source>
        <translation>磁盘映像 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="508"/>
        <source>Export the case report to</source>
        <translation>将案件报告导出到</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="511"/>
        <source>writing the report…</source>
        <translation>正在写报告…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="554"/>
        <source>Assign to</source>
        <translation>分配给</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="560"/>
        <source>(add a traveler first)</source>
        <translation>（请先添加旅客）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="561"/>
        <source>Unassign</source>
        <translation>取消分配</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="574"/>
        <source>Edit declaration…</source>
        <translation>编辑申报…</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="659"/>
        <source>{backend} (TRAINING)</source>
        <translation>{backend}（培训）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="661"/>
        <source>Read-only · backend: {backend} · {drives} drive(s), {busy} scanning</source>
        <translation>只读 · 后端：{backend} · {drives} 个驱动器，{busy} 个扫描中</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/main_window.py" line="665"/>
        <source>, {count} not assigned to a traveler</source>
        <translation>，{count} 个未分配给旅客</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="26"/>
        <source>Drive capacity carried</source>
        <translation>携带驱动器总容量</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="27"/>
        <source>Data beyond the declaration</source>
        <translation>超出申报的数据</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="28"/>
        <source>AI data needing a licence check</source>
        <translation>需核查许可证的 AI 数据</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="29"/>
        <source>Encrypted share of the data</source>
        <translation>已加密数据的比例</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="30"/>
        <source>Disguised files (share of files)</source>
        <translation>伪装文件（占文件数比例）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="52"/>
        <source>Policy: {name}</source>
        <translation>政策：{name}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="53"/>
        <source>Policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="55"/>
        <source>the upper end of each 95 % interval (could it exceed?)</source>
        <translation>每个 95 % 区间的上限（是否可能超出？）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="57"/>
        <source>the estimates</source>
        <translation>估计值</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="60"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; version {version} — thresholds compare {basis}.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; 版本 {version} — 阈值比较的是{basis}。</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="67"/>
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="69"/>
        <source>Refer when above</source>
        <translation>超过即移交</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="69"/>
        <source>Per traveler</source>
        <translation>每位旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="69"/>
        <source>Per group</source>
        <translation>每个团组</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="86"/>
        <source>Policy text</source>
        <translation>政策文本</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="92"/>
        <source>Policy status</source>
        <translation>政策状态</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="96"/>
        <source>&amp;Validate and save</source>
        <translation>校验并保存(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="104"/>
        <source>Policy file (supervisor: edits apply to cases opened from now on):</source>
        <translation>政策文件（主管：修改只对今后开立的案件生效）：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="106"/>
        <source>Policy file (read-only; a supervisor edits it):</source>
        <translation>政策文件（只读；由主管编辑）：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/policy_view.py" line="120"/>
        <source>Saved: new cases use this policy; the change is audited.</source>
        <translation>已保存：新案件使用此政策；此修改已记入审计。</translation>
    </message>
</context>
<context>
    <name>PostBanner</name>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="38"/>
        <source>Post banner</source>
        <translation>口岸横幅</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="97"/>
        <source>offline — {n} actions waiting for the post&apos;s server</source>
        <translation>离线 — {n} 项操作等待口岸服务器</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="105"/>
        <source>{n} action(s) done offline were refused by the post&apos;s server: {why}</source>
        <translation>离线完成的 {n} 项操作被口岸服务器拒绝：{why}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="111"/>
        <source>REFER</source>
        <translation>移交</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="112"/>
        <source>PENDING</source>
        <translation>待定</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="113"/>
        <source>CLEAR</source>
        <translation>放行</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/post_watch.py" line="117"/>
        <source>Group {name}: {verdict} on every desk&apos;s drives — {members} travelers at {desks} desks, {drives} drives, {used} found</source>
        <translation>团组 {name}：按所有查验台的驱动器判定为{verdict} — {members} 名旅客，{desks} 个查验台，{drives} 个驱动器，发现 {used}</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="11"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="12"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="13"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="14"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="15"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>QTabBar</name>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="18"/>
        <source>Scroll Left</source>
        <translation>向左滚动</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/qt_words.py" line="19"/>
        <source>Scroll Right</source>
        <translation>向右滚动</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="17"/>
        <source>{rule}: {figure}, over the {threshold} threshold</source>
        <translation>{rule}：{figure}，超过 {threshold} 的阈值</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="18"/>
        <source>{rule}: over {threshold} cannot be ruled out (up to {figure})</source>
        <translation>{rule}：无法排除超过 {threshold}（最多 {figure}）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="19"/>
        <source>{rule}: over the {threshold} threshold (up to {figure})</source>
        <translation>{rule}：超过 {threshold} 的阈值（最多 {figure}）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="20"/>
        <source>{rule}: over the {threshold} threshold (estimate {figure})</source>
        <translation>{rule}：超过 {threshold} 的阈值（估计 {figure}）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="21"/>
        <source>all figures of this traveler are within the policy thresholds</source>
        <translation>该旅客的各项数字均在政策阈值之内</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="22"/>
        <source>all figures of the group are within the policy thresholds</source>
        <translation>该团组的各项数字均在政策阈值之内</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="23"/>
        <source>so far: </source>
        <translation>目前：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/reasons.py" line="24"/>
        <source>no drive recorded yet</source>
        <translation>尚未记录驱动器</translation>
    </message>
</context>
<context>
    <name>TotalsBox</name>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="52"/>
        <source>Declared:</source>
        <translation>申报：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="53"/>
        <source>Drives:</source>
        <translation>驱动器：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="54"/>
        <source>Capacity:</source>
        <translation>容量：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="55"/>
        <source>Used:</source>
        <translation>已用：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="56"/>
        <source>AI data:</source>
        <translation>AI 数据：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="57"/>
        <source>Policy:</source>
        <translation>政策：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="64"/>
        <source>Who</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="65"/>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="66"/>
        <source>Drive warnings</source>
        <translation>驱动器警告</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="79"/>
        <source>not known yet (no scan finished)</source>
        <translation>尚不清楚（没有扫描完成）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="80"/>
        <source>not known yet</source>
        <translation>尚不清楚</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="84"/>
        <source>{estimate}  (95 % interval)</source>
        <translation>{estimate}（95 % 区间）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="87"/>
        <source>capacity ≤ {capacity}, undeclared ≤ {undeclared}, AI data ≤ {ai}</source>
        <translation>容量 ≤ {capacity}，未申报 ≤ {undeclared}，AI 数据 ≤ {ai}</translation>
    </message>
</context>
<context>
    <name>TraineePanel</name>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="84"/>
        <source>Trainee verdicts</source>
        <translation>学员结论</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="87"/>
        <source>Inspect the drives, then give your verdict for each traveler and group. The score compares it with the instructor&apos;s answer.</source>
        <translation>先查验驱动器，再对每位旅客和每个团组给出结论。得分将与教员的答案比较。</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="91"/>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="130"/>
        <source>traveler</source>
        <translation>旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="91"/>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="131"/>
        <source>group</source>
        <translation>团组</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="92"/>
        <source>Clear</source>
        <translation>放行</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="92"/>
        <source>Refer</source>
        <translation>移交</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="99"/>
        <source>{verdict} for {name}</source>
        <translation>{name}：{verdict}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="101"/>
        <source>&amp;Submit verdicts and see the score</source>
        <translation>提交结论并查看得分(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="102"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="133"/>
        <source>The desk&apos;s reasons:</source>
        <translation>查验台给出的理由：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="142"/>
        <source>no answer</source>
        <translation>未作答</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="160"/>
        <source>Who</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="161"/>
        <source>You</source>
        <translation>您的答案</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="162"/>
        <source>Expected</source>
        <translation>正确答案</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="164"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/trainee_panel.py" line="167"/>
        <source>Score: {matches} / {total} ({percent} %)</source>
        <translation>得分：{matches} / {total}（{percent} %）</translation>
    </message>
</context>
<context>
    <name>TravelerForm</name>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="65"/>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="66"/>
        <source>Add traveler</source>
        <translation>添加旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="68"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="68"/>
        <source>as in the passport</source>
        <translation>与护照一致</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="68"/>
        <source>Traveler name</source>
        <translation>旅客姓名</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="71"/>
        <source>&amp;Document:</source>
        <translation>证件(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="72"/>
        <source>passport or ID number</source>
        <translation>护照或身份证号码</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="73"/>
        <source>Travel document</source>
        <translation>旅行证件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="77"/>
        <source>&amp;Group:</source>
        <translation>团组(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="78"/>
        <source>travelling together (optional)</source>
        <translation>同行人员（可选）</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="79"/>
        <source>Group</source>
        <translation>团组</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="83"/>
        <source>Dec&amp;laration:</source>
        <translation>申报(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="84"/>
        <source>e.g. personal backups</source>
        <translation>例如：个人备份</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="85"/>
        <source>Declaration</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="87"/>
        <source>&amp;Volume:</source>
        <translation>数据量(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="87"/>
        <source>e.g. 2 TB</source>
        <translation>例如 2 TB</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="87"/>
        <source>Declared volume</source>
        <translation>申报数据量</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="93"/>
        <source>Receipt l&amp;anguage:</source>
        <translation>回执语言(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="94"/>
        <source>Receipt language</source>
        <translation>回执语言</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="95"/>
        <source>The language the traveler&apos;s receipt is printed in</source>
        <translation>旅客回执所用的语言</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="96"/>
        <source>Form error</source>
        <translation>表单错误</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_form.py" line="97"/>
        <source>&amp;Add traveler</source>
        <translation>添加旅客(&amp;A)</translation>
    </message>
</context>
<context>
    <name>TravelerPanel</name>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="124"/>
        <source>Traveler totals</source>
        <translation>旅客合计</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="125"/>
        <source>Select a traveler to see their totals and verdict.</source>
        <translation>选择一位旅客以查看其合计和结论。</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="126"/>
        <source>Threshold rule</source>
        <translation>阈值规则</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="140"/>
        <source>figures from sampling are compared at the upper end of their 95 % interval</source>
        <translation>抽样得出的数字按其 95 % 区间的上限比较</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="142"/>
        <source>figures from sampling are compared at their estimate</source>
        <translation>抽样得出的数字按其估计值比较</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="146"/>
        <source>Thresholds: {rule}.</source>
        <translation>阈值：{rule}。</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="150"/>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="168"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="155"/>
        <source>document {document}</source>
        <translation>证件 {document}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="159"/>
        <source>Traveler</source>
        <translation>旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="172"/>
        <source>Group: {group}</source>
        <translation>团组：{group}</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="173"/>
        <source>Group</source>
        <translation>团组</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/traveler_panel.py" line="178"/>
        <source>members: {names}</source>
        <translation>成员：{names}</translation>
    </message>
</context>
<context>
    <name>TravelersModel</name>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="31"/>
        <source>Traveler</source>
        <translation>旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="32"/>
        <source>Document</source>
        <translation>证件</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="33"/>
        <source>Group</source>
        <translation>团组</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="34"/>
        <source>Declared</source>
        <translation>申报</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="35"/>
        <source>Drives</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="36"/>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="37"/>
        <source>AI data</source>
        <translation>AI 数据</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="38"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/models/travelers.py" line="115"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="147"/>
        <source>CLEAR</source>
        <translation>放行</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="148"/>
        <source>REFER</source>
        <translation>移交</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/i18n.py" line="149"/>
        <source>PENDING</source>
        <translation>待定</translation>
    </message>
</context>
<context>
    <name>VerdictBadge</name>
    <message>
        <location filename="../../inspector/gui/widgets/verdict_badge.py" line="28"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
</context>
<context>
    <name>_BayTable</name>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="61"/>
        <source>Bay to traveler map</source>
        <translation>槽位与旅客对应表</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="62"/>
        <source>Bay</source>
        <translation>槽位</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="62"/>
        <source>Traveler</source>
        <translation>旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="91"/>
        <source>Traveler for bay {bay}</source>
        <translation>槽位 {bay} 的旅客</translation>
    </message>
    <message>
        <location filename="../../inspector/gui/widgets/bay_map.py" line="94"/>
        <source>— unassigned —</source>
        <translation>— 未分配 —</translation>
    </message>
</context>
</TS>
