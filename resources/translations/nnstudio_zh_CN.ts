<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new empty network</source>
        <translation>新建一个空白网络</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>打开一个项目文件</translation>
    </message>
    <message>
        <source>New from scikit-learn &amp;Recipe…</source>
        <translation>按 scikit-learn 配方新建(&amp;R)…</translation>
    </message>
    <message>
        <source>Build a network from MLPRegressor or MLPClassifier arguments, for the current data</source>
        <translation>根据 MLPRegressor 或 MLPClassifier 的参数，为当前数据搭建一个网络</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>用新名字保存项目</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>Reload the project as it was last saved</source>
        <translation>重新载入上次保存时的项目</translation>
    </message>
    <message>
        <source>&amp;Export Picture of the Canvas…</source>
        <translation>导出画布图片(&amp;E)…</translation>
    </message>
    <message>
        <source>Save a picture of the network (PNG or SVG)</source>
        <translation>把网络保存为图片（PNG 或 SVG）</translation>
    </message>
    <message>
        <source>Export &amp;Model…</source>
        <translation>导出模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Write the trained network for PyTorch, Keras or ONNX, or its weights for NumPy</source>
        <translation>把训练好的网络导出为 PyTorch、Keras 或 ONNX 模型，或导出 NumPy 权重</translation>
    </message>
    <message>
        <source>Project &amp;Properties…</source>
        <translation>项目属性(&amp;P)…</translation>
    </message>
    <message>
        <source>The project&apos;s title, lesson, notes and goal</source>
        <translation>项目的标题、课程、笔记和学习目标</translation>
    </message>
    <message>
        <source>&amp;Welcome Page</source>
        <translation>欢迎页(&amp;W)</translation>
    </message>
    <message>
        <source>Show the welcome page and samples</source>
        <translation>显示欢迎页和示例项目</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close nnstudio</source>
        <translation>关闭 nnstudio</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>撤销上一次编辑</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo the edit just undone</source>
        <translation>重做刚撤销的编辑</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>Copy the selected layers and delete them</source>
        <translation>复制选中的层并删除它们</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected layers</source>
        <translation>复制选中的层</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Paste copied layers</source>
        <translation>粘贴复制的层</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <source>Copy and paste the selection at once</source>
        <translation>一步复制并粘贴选中内容</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected layers and connections</source>
        <translation>删除选中的层和连接</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Select every layer</source>
        <translation>选中所有层</translation>
    </message>
    <message>
        <source>A&amp;rrange</source>
        <translation>自动排列(&amp;R)</translation>
    </message>
    <message>
        <source>Lay the network out from left to right</source>
        <translation>把网络从左到右排列整齐</translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation>对齐网格(&amp;S)</translation>
    </message>
    <message>
        <source>Align moved layers to the grid</source>
        <translation>移动的层自动对齐到网格</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>&amp;Fit Network</source>
        <translation>显示整个网络(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole network</source>
        <translation>缩放到能看到整个网络</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom to 100%</source>
        <translation>缩放到 100%</translation>
    </message>
    <message>
        <source>&amp;Canvas Only</source>
        <translation>只显示画布(&amp;C)</translation>
    </message>
    <message>
        <source>Hide every panel to give the network the whole window (again to bring them back)</source>
        <translation>隐藏所有面板，让网络占满整个窗口（再按一次恢复面板）</translation>
    </message>
    <message>
        <source>&amp;Presentation</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Large text, lines and points; only the canvas and the views a class watches (again to leave)</source>
        <translation>大字、粗线、大点；只显示画布和课堂上要看的视图（再按一次退出）</translation>
    </message>
    <message>
        <source>&amp;Keyboard and Mouse…</source>
        <translation>键盘和鼠标操作(&amp;K)…</translation>
    </message>
    <message>
        <source>Every shortcut and mouse gesture</source>
        <translation>所有快捷键和鼠标操作</translation>
    </message>
    <message>
        <source>&amp;About nnstudio</source>
        <translation>关于 nnstudio(&amp;A)</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>版本和许可证</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Colours of the window and the canvas (Light suits projectors)</source>
        <translation>窗口和画布的配色（浅色适合投影仪）</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Optimizer &amp;Playground…</source>
        <translation>优化器演练场(&amp;P)…</translation>
    </message>
    <message>
        <source>Watch SGD, momentum and Adam walk down a function of two variables</source>
        <translation>观察 SGD、momentum（动量）和 Adam 如何沿着一个二元函数走向最低点</translation>
    </message>
    <message>
        <source>&amp;Activation Explorer…</source>
        <translation>激活函数探索(&amp;A)…</translation>
    </message>
    <message>
        <source>Every activation and its slope, with the regions where it saturates</source>
        <translation>每个激活函数及其斜率（导数），并标出饱和区域</translation>
    </message>
    <message>
        <source>&amp;Initialisation Explorer…</source>
        <translation>初始化探索(&amp;I)…</translation>
    </message>
    <message>
        <source>Activations and gradients through ten layers for zeros, N(0, 1), N(0, 0.01), Xavier and He</source>
        <translation>比较 zeros、N(0, 1)、N(0, 0.01)、Xavier 和 He 初始化时，激活值和梯度穿过十层后的变化</translation>
    </message>
    <message>
        <source>&amp;Gradient Check…</source>
        <translation>梯度检验(&amp;G)…</translation>
    </message>
    <message>
        <source>Backpropagation against numerical gradients on the current network</source>
        <translation>在当前网络上比较反向传播的梯度和数值梯度</translation>
    </message>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>比较各次训练(&amp;C)…</translation>
    </message>
    <message>
        <source>Every run of this project: curves side by side and a table of final and best values</source>
        <translation>本项目的每一次训练：曲线并排对照，并列出最终值和最佳值</translation>
    </message>
    <message>
        <source>&amp;Step Inside One Training Step…</source>
        <translation>走进一步训练的内部(&amp;S)…</translation>
    </message>
    <message>
        <source>Forward and backward node by node with the numbers, then the update, on a sample you pick</source>
        <translation>在你挑选的样本上，逐个节点看前向传播和反向传播的具体数值，再看权重更新</translation>
    </message>
    <message>
        <source>&amp;Perceptron Rule Sample by Sample…</source>
        <translation>逐个样本看感知机学习规则(&amp;P)…</translation>
    </message>
    <message>
        <source>The perceptron&apos;s update and its line moving after each sample (perceptron optimizer)</source>
        <translation>每个样本之后感知机如何更新，它的分界线如何移动（perceptron 优化器）</translation>
    </message>
    <message>
        <source>P&amp;redict New Samples…</source>
        <translation>预测新样本(&amp;R)…</translation>
    </message>
    <message>
        <source>Type new samples in the data&apos;s own units and see what the trained network predicts for them</source>
        <translation>按数据本身的单位输入新样本，看训练好的网络对它们的预测</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>ActivationExplorer</name>
    <message>
        <source>Activation explorer</source>
        <translation>激活函数探索</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>a(z), solid</source>
        <translation>a(z)，实线</translation>
    </message>
    <message>
        <source>slope da/dz, dashed</source>
        <translation>斜率 da/dz，虚线</translation>
    </message>
    <message>
        <source>through </source>
        <translation>经过 </translation>
    </message>
    <message>
        <source> layers</source>
        <translation> 层</translation>
    </message>
    <message>
        <source>Number of layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Tick to draw; select one to shade where it is flat.</source>
        <translation>勾选即可画出；选中一个可把它平坦的区域涂上阴影。</translation>
    </message>
    <message>
        <source>{0}: {1}. </source>
        <translation>{0}：{1}。</translation>
    </message>
    <message>
        <source>Its slope is 0 everywhere: no gradient flows back through it, so it cannot be trained by backpropagation (the perceptron rule trains it instead).</source>
        <translation>它的斜率处处为 0：梯度无法反向传过它，所以不能用反向传播训练（感知机用感知机学习规则训练）。</translation>
    </message>
    <message>
        <source>It turns an output layer&apos;s scores into probabilities and is not stacked in hidden layers. Drawn for two classes, it is the sigmoid of the difference of the two scores: its slope is at most {0}.</source>
        <translation>它把输出层的得分变成概率，不会堆叠在隐藏层中。这里画的是两个类别的情形，它就是两个得分之差的 sigmoid：斜率最大为 {0}。</translation>
    </message>
    <message>
        <source>Its slope reaches {0}, more than 1. Backpropagation multiplies a gradient by this slope once per layer, so through {1} such layers it can grow up to {2} times (an exploding gradient) where every unit sits at its steepest; typical inputs sit where the slope is smaller.</source>
        <translation>它的斜率最大可达 {0}，大于 1。反向传播每经过一层就把梯度乘以这个斜率一次，所以当每个神经元都处在最陡的位置时，经过 {1} 个这样的层，梯度最多可能放大到 {2} 倍（梯度爆炸）；典型的输入所在处斜率要小一些。</translation>
    </message>
    <message>
        <source>Its slope approaches 1 for large inputs but never reaches it, so a gradient passed back through {0} such layers can only shrink, never grow</source>
        <translation>输入越大，它的斜率越接近 1，但永远达不到，所以梯度反向经过 {0} 个这样的层只会变小，不会变大</translation>
    </message>
    <message>
        <source>Its slope approaches {0} for large inputs but never reaches it. Backpropagation multiplies a gradient by this slope once per layer, so through {1} such layers less than {2} of it is left</source>
        <translation>输入越大，它的斜率越接近 {0}，但永远达不到。反向传播每经过一层就把梯度乘以这个斜率一次，所以经过 {1} 个这样的层后，梯度剩下的不到 {2}</translation>
    </message>
    <message>
        <source>Its slope is at most {0}. Backpropagation multiplies a gradient by this slope once per layer, so through {1} such layers at most {2} of it is left</source>
        <translation>它的斜率最大为 {0}。反向传播每经过一层就把梯度乘以这个斜率一次，所以经过 {1} 个这样的层后，梯度最多只剩 {2}</translation>
    </message>
    <message>
        <source>: the first layers barely learn, which is why deep {0} networks learn slowly.</source>
        <translation>：前面几层几乎学不到东西（梯度消失），这就是深层 {0} 网络学得慢的原因。</translation>
    </message>
    <message>
        <source> (typical inputs sit where the slope is smaller).</source>
        <translation>（通常的输入落在斜率更小的地方）。</translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation>{0}{1}</translation>
    </message>
    <message>
        <source>Shaded: where the slope is below {0}% of its peak; a unit there saturates and passes back almost nothing.</source>
        <translation>阴影：斜率低于峰值 {0}% 的区域；神经元在这里饱和，几乎传不回梯度。</translation>
    </message>
    <message>
        <source>It is never flat: no shading.</source>
        <translation>它没有平坦的区域：没有阴影。</translation>
    </message>
</context>
<context>
    <name>ActivationPlot</name>
    <message>
        <source>Activation plot</source>
        <translation>激活函数图</translation>
    </message>
    <message>
        <source>— {0}(z)    - - derivative</source>
        <translation>— {0}(z)    - - 导数</translation>
    </message>
    <message>
        <source>— {0}([z, 0])₀ (softmax normalises across outputs)</source>
        <translation>— {0}([z, 0])₀（softmax 在各输出之间归一化）</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>“{name}”</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>an unsaved project</source>
        <translation>一个未保存的项目</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>nnstudio did not close properly last time. An autosaved copy of {what} from {when} was found. Recover it?</source>
        <translation>nnstudio 上次没有正常关闭。找到了 {what} 在 {when} 自动保存的副本。要恢复它吗？</translation>
    </message>
    <message>
        <source>Cannot recover the autosaved copy: {problem} The copy is kept at {path}.</source>
        <translation>无法恢复自动保存的副本：{problem} 副本保留在 {path}。</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
</context>
<context>
    <name>CanvasView</name>
    <message>
        <source>Network canvas</source>
        <translation>网络画布</translation>
    </message>
    <message>
        <source>Drag layers here from the palette, or double-click one to add it.</source>
        <translation>从组件面板把层拖到这里，或双击一项来添加。</translation>
    </message>
</context>
<context>
    <name>CardItem</name>
    <message>
        <source>out {0}</source>
        <translation>输出 {0}</translation>
    </message>
    <message>
        <source>{0} params</source>
        <translation>{0} 个参数</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确率</translation>
    </message>
    <message>
        <source>Rows: the true class; columns: the class predicted. On the right, each true class&apos;s share predicted right.</source>
        <translation>行：真实类别；列：预测的类别。右侧是每个真实类别中被预测正确的比例。</translation>
    </message>
    <message>
        <source>Rows: the true class; columns: the class predicted. Point at a cell for its count and its true class&apos;s share predicted right.</source>
        <translation>行：真实类别；列：预测的类别。把鼠标指向一个格子，可以看到它的数量和该真实类别被预测正确的比例。</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}: {n} of {total}</source>
        <translation>真实 {true}，预测 {predicted}：{total} 个中有 {n} 个</translation>
    </message>
    <message>
        <source>{name}: {share} predicted right</source>
        <translation>{name}：正确率 {share}</translation>
    </message>
    <message>
        <source>{0} right (validation)</source>
        <translation>正确率 {0}（验证集）</translation>
    </message>
    <message>
        <source>{0} right
(validation data)</source>
        <translation>正确率 {0}
（验证集）</translation>
    </message>
    <message>
        <source>{0} right (training)</source>
        <translation>正确率 {0}（训练集）</translation>
    </message>
    <message>
        <source>{0} right
(training data)</source>
        <translation>正确率 {0}
（训练集）</translation>
    </message>
</context>
<context>
    <name>Course</name>
    <message>
        <source>The perceptron</source>
        <translation>感知机</translation>
    </message>
    <message>
        <source>A hidden layer</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Inside one training step</source>
        <translation>一步训练的内部</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Depth: the spiral</source>
        <translation>深度：螺旋数据</translation>
    </message>
    <message>
        <source>Activations and initialisation</source>
        <translation>激活函数与初始化</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Over-fitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积神经网络</translation>
    </message>
    <message>
        <source>Recurrent networks</source>
        <translation>循环神经网络</translation>
    </message>
</context>
<context>
    <name>CsvDialog</name>
    <message>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>竖线</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>{name} cannot be read ({why}).</source>
        <translation>无法读取 {name}（{why}）。</translation>
    </message>
    <message>
        <source>{name} is too large to load into this computer&apos;s memory.</source>
        <translation>{name} 太大，这台电脑的内存装不下。</translation>
    </message>
    <message>
        <source>as inferred</source>
        <translation>按推断</translation>
    </message>
    <message>
        <source>regression (predict a number)</source>
        <translation>回归（预测一个数）</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>a table (one row per sample)</source>
        <translation>表格（每行一个样本）</translation>
    </message>
    <message>
        <source>a time series (windows of consecutive rows)</source>
        <translation>时间序列（由连续行组成的窗口）</translation>
    </message>
    <message>
        <source>classification into 2 classes</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>classification into several classes</source>
        <translation>多分类</translation>
    </message>
    <message>
        <source>not usable as a target</source>
        <translation>不能作为目标</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>A column of whole numbers with few values, each in several rows, is read as classes; choose regression when the numbers are amounts (prices, ages).</source>
        <translation>只有少数几个取值、且每个取值出现在多行中的整数列会被当作类别；如果这些数是数量（价格、年龄），请选择回归。</translation>
    </message>
    <message>
        <source>Untick columns the network should not see</source>
        <translation>取消勾选不想让网络看到的列</translation>
    </message>
    <message>
        <source>Tick more columns for several outputs: a point, a box, or several yes/no (0/1) labels</source>
        <translation>再勾选几列就能有多个输出：一个点、一个框，或几个是/否 (0/1) 标签</translation>
    </message>
    <message>
        <source>refuse the file</source>
        <translation>拒绝这个文件</translation>
    </message>
    <message>
        <source>drop those rows</source>
        <translation>删除这些行</translation>
    </message>
    <message>
        <source>fill with the column mean</source>
        <translation>用该列的平均值填充</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <source>More target columns (several outputs)</source>
        <translation>更多目标列（多个输出）</translation>
    </message>
    <message>
        <source>Feature columns</source>
        <translation>特征列</translation>
    </message>
    <message>
        <source>Use the file as</source>
        <translation>文件用作</translation>
    </message>
    <message>
        <source>The columns read at every time step (the features of one step)</source>
        <translation>每个时间步读取的列（一个时间步的特征）</translation>
    </message>
    <message>
        <source>The column whose value the network forecasts</source>
        <translation>网络要预测其值的列</translation>
    </message>
    <message>
        <source>How many consecutive rows one sample holds (its timesteps)</source>
        <translation>一个样本包含多少个连续的行（即它的时间步数）</translation>
    </message>
    <message>
        <source>How many rows after the window&apos;s last one the forecast value lies</source>
        <translation>预测的值位于窗口最后一行之后的第几行</translation>
    </message>
    <message>
        <source>How many rows apart two windows start</source>
        <translation>相邻两个窗口的起点相隔多少行</translation>
    </message>
    <message>
        <source>Forecast column</source>
        <translation>预测列</translation>
    </message>
    <message>
        <source>Window (steps)</source>
        <translation>窗口（步数）</translation>
    </message>
    <message>
        <source>Horizon (steps ahead)</source>
        <translation>预测步长（向前几步）</translation>
    </message>
    <message>
        <source>Stride (steps)</source>
        <translation>滑动步幅（步数）</translation>
    </message>
    <message>
        <source>The rows must be in time order, one per step. The validation part is the last windows: a shuffled split would let the network see the future it is checked on.</source>
        <translation>各行必须按时间顺序排列，每个时间步一行。验证集是最后的那些窗口：若打乱后再划分，网络就会看到用来检验它的未来数据。</translation>
    </message>
    <message>
        <source>Series columns (numbers)</source>
        <translation>序列列（数值）</translation>
    </message>
    <message>
        <source>Tick at least one series column (only columns of numbers are listed).</source>
        <translation>请至少勾选一个序列列（只列出数值列）。</translation>
    </message>
    <message>
        <source>{file}, row {row}, column &apos;{col}&apos; ({number}): the value is missing. A time series needs a value at every step, and the import neither drops that row nor skips the windows across it: fill the gap in the file.</source>
        <translation>{file}，第 {row} 行，列“{col}”（第 {number} 列）：缺少值。时间序列在每个时间步都需要一个值，导入既不会删去这一行，也不会跳过跨过它的窗口：请在文件中补上这个空缺。</translation>
    </message>
    <message>
        <source>{file}, row {row}, column &apos;{col}&apos; ({number}): &apos;{cell}&apos; is not a finite number, so the column is not listed as a series column; correct that cell in the file and import it again.</source>
        <translation>{file}，第 {row} 行，列“{col}”（第 {number} 列）：“{cell}”不是有限的数，所以这一列没有列为序列列；请在文件中改正这个单元格，然后重新导入。</translation>
    </message>
    <message>
        <source>{file}, row {row}, column &apos;{col}&apos; ({number}): &apos;{cell}&apos; is not a number, so the column is not listed as a series column; correct that cell in the file and import it again.</source>
        <translation>{file}，第 {row} 行，列“{col}”（第 {number} 列）：“{cell}”不是数字，所以这一列没有列为序列列；请在文件中改正这个单元格，然后重新导入。</translation>
    </message>
    <message>
        <source>{file}, row {row}, column &apos;{col}&apos; ({number}): &apos;{cell}&apos; is not a finite number, so the column is not offered as a further target column; correct that cell in the file and import it again.</source>
        <translation>{file}，第 {row} 行，列“{col}”（第 {number} 列）：“{cell}”不是有限的数，所以这一列没有列在“更多目标列”中；请在文件中改正这个单元格，然后重新导入。</translation>
    </message>
    <message>
        <source>{file}, row {row}, column &apos;{col}&apos; ({number}): &apos;{cell}&apos; is not a number, so the column is not offered as a further target column; correct that cell in the file and import it again.</source>
        <translation>{file}，第 {row} 行，列“{col}”（第 {number} 列）：“{cell}”不是数字，所以这一列没有列在“更多目标列”中；请在文件中改正这个单元格，然后重新导入。</translation>
    </message>
    <message>
        <source>Read as {encoding}, columns separated by {delimiter}, with a header row (row 1), decimal mark &apos;{decimal}&apos;. Rows {first} to {last} of the file:</source>
        <translation>按 {encoding} 编码读取，列之间用{delimiter}分隔，有表头行（第 1 行），小数点为“{decimal}”。文件的第 {first} 到 {last} 行：</translation>
    </message>
    <message>
        <source>Read as {encoding}, columns separated by {delimiter}, without a header row, decimal mark &apos;{decimal}&apos;. Rows {first} to {last} of the file:</source>
        <translation>按 {encoding} 编码读取，列之间用{delimiter}分隔，没有表头行，小数点为“{decimal}”。文件的第 {first} 到 {last} 行：</translation>
    </message>
    <message>
        <source>{name} cannot be read.</source>
        <translation>无法读取 {name}。</translation>
    </message>
    <message>
        <source>The rows as the file numbers them, like a spreadsheet: the header is row 1, and a blank line is a row too</source>
        <translation>按文件中的行号编号，和电子表格一样：表头是第 1 行，空行也算一行</translation>
    </message>
    <message>
        <source>{n} target columns: {n} outputs (numbers; columns of only 0 and 1 are labels, one sigmoid each).</source>
        <translation>{n} 个目标列：{n} 个输出（数值；只含 0 和 1 的列是标签，各用一个 sigmoid）。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Inferred from the values: {task}.</source>
        <translation>根据数值推断：{task}。</translation>
    </message>
    <message>
        <source>{name} has no columns.</source>
        <translation>{name} 没有任何列。</translation>
    </message>
    <message>
        <source>Column &apos;{col}&apos; cannot be a target (a single value, or text mixed with numbers): pick another column.</source>
        <translation>列“{col}”不能作为目标（只有一个取值，或文字和数字混在一起）：请选另一列。</translation>
    </message>
    <message>
        <source>Column &apos;{col}&apos; holds text, so it cannot be a regression target: choose classification or another column.</source>
        <translation>“{col}”列是文字，不能作为回归的目标：请选择分类，或换一列。</translation>
    </message>
    <message>
        <source>Column &apos;{col}&apos; holds fractional numbers, which are not class labels: choose regression or another column.</source>
        <translation>“{col}”列是小数，不能作为类别标签：请选择回归，或换一列。</translation>
    </message>
    <message>
        <source>Several target columns make several outputs (numbers, or 0/1 labels for sigmoid outputs), not one classification: choose the task &apos;as inferred&apos; or regression.</source>
        <translation>多个目标列对应多个输出（数值，或由 sigmoid 输出的 0/1 标签），而不是一个分类任务：请把任务选为“按推断”或回归。</translation>
    </message>
    <message>
        <source>Column &apos;{col}&apos; holds text; with several target columns each must hold numbers.</source>
        <translation>“{col}”列是文字；有多个目标列时，每一列都必须是数值。</translation>
    </message>
    <message>
        <source>Tick at least one feature column.</source>
        <translation>请至少勾选一个特征列。</translation>
    </message>
    <message>
        <source>Column &apos;{col}&apos; holds a different text in every row (a date or a name?): as a feature it only labels its rows, one input each. Untick it; rows in time order may be meant as a time series (Use the file as).</source>
        <translation>列“{col}”每一行的文字都不同（是日期或名字？）：作为特征，它只是给每一行贴上标签，每行各占一个输入。请取消勾选它；如果各行按时间排列，也许应当把文件用作时间序列（“文件用作”）。</translation>
    </message>
    <message>
        <source>…and {n} more.</source>
        <translation>……还有 {n} 个。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Problems:&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;问题：&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>No problems found in the preview.</source>
        <translation>预览中没有发现问题。</translation>
    </message>
    <message>
        <source>Loading {name} ({mb:.0f} MB)… {s:.0f} s. Cancel stops it.</source>
        <translation>正在载入 {name}（{mb:.0f} MB）… {s:.0f} 秒。按“取消”可停止。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot import:&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;无法导入：&lt;/b&gt;&lt;br&gt;</translation>
    </message>
</context>
<context>
    <name>CurvePlot</name>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>mean absolute error</source>
        <translation>平均绝对误差</translation>
    </message>
    <message>
        <source>mistakes</source>
        <translation>错误数</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮 (epoch)</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>train (batches)</source>
        <translation>训练集（每个 mini-batch）</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>train {0}</source>
        <translation>训练集{0}</translation>
    </message>
    <message>
        <source>validation {0}</source>
        <translation>验证集{0}</translation>
    </message>
    <message>
        <source>train (epoch so far)</source>
        <translation>训练集（本轮至今）</translation>
    </message>
    <message>
        <source>R² and mean absolute error</source>
        <translation>R² 和平均绝对误差</translation>
    </message>
    <message>
        <source>R² and error</source>
        <translation>R² 和误差</translation>
    </message>
</context>
<context>
    <name>DataNames</name>
    <message>
        <source>negative</source>
        <translation>负</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>marker</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>benign</source>
        <translation>良性</translation>
    </message>
    <message>
        <source>malignant</source>
        <translation>恶性</translation>
    </message>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Generator</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>Built-in data set</source>
        <translation>内置数据集</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>standardize (mean 0, std 1)</source>
        <translation>标准化（均值 0，标准差 1）</translation>
    </message>
    <message>
        <source>min-max to [0, 1]</source>
        <translation>最小-最大归一化到 [0, 1]</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不缩放</translation>
    </message>
    <message>
        <source>Validation split {val:g} leaves no training sample of class &apos;{name}&apos;: the network cannot learn that class. Set Validation split lower, or to 0 (Training panel).</source>
        <translation>验证集比例 {val:g} 使类别“{name}”没有留下任何训练样本：网络学不到这个类别。请调低验证集比例，或设为 0（训练面板）。</translation>
    </message>
    <message>
        <source>With {n} samples, Validation split {val:g} holds 1 of them out: the network never trains on that sample, so its validation scores say little. For a set this small, set Validation split to 0 (Training panel).</source>
        <translation>只有 {n} 个样本时，验证集比例 {val:g} 会留出其中 1 个：网络永远不会在它上面训练，所以验证分数说明不了什么。对这么小的数据集，请把验证集比例设为 0（训练面板）。</translation>
    </message>
    <message>
        <source>With {n} samples, Validation split {val:g} holds {held} of them out and leaves {train} to train on: the network never trains on the others, so its validation scores say little. For a set this small, lower Validation split or set it to 0 (Training panel).</source>
        <translation>只有 {n} 个样本时，验证集比例 {val:g} 会留出其中 {held} 个，只剩 {train} 个用来训练：网络永远不会在留出的样本上训练，所以验证分数说明不了什么。对这么小的数据集，请调低验证集比例或设为 0（训练面板）。</translation>
    </message>
    <message>
        <source>{shown:,} of {total:,} samples shown</source>
        <translation>显示了 {total:,} 个样本中的 {shown:,} 个</translation>
    </message>
    <message>
        <source>A seeded random subsample keeps the preview quick; training uses every sample.</source>
        <translation>预览只显示固定种子随机抽取的一部分样本，以保持流畅；训练会使用全部样本。</translation>
    </message>
    <message>
        <source>Use files I have…</source>
        <translation>使用我已有的文件…</translation>
    </message>
    <message>
        <source>Copy the set&apos;s four IDX files (gzipped or not) or a Keras .npz from this computer into the data folder, instead of downloading it</source>
        <translation>把这台电脑上该数据集的四个 IDX 文件（可以是 gzip 压缩的）或一个 Keras .npz 文件复制到数据文件夹，而不必下载</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Download {title} ({size} MB)</source>
        <translation>下载 {title}（{size} MB）</translation>
    </message>
    <message>
        <source>{done:.1f} of {total:.1f} MB</source>
        <translation>{done:.1f} / {total:.1f} MB</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Draw a new sample with these settings</source>
        <translation>用这些设置重新生成一组样本</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>as images (for convolutional networks)</source>
        <translation>作为图片（用于卷积神经网络）</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>No file imported.</source>
        <translation>还没有导入文件。</translation>
    </message>
    <message>
        <source>Use this data</source>
        <translation>使用这份数据</translation>
    </message>
    <message>
        <source>Train on the data this page shows, in place of the data in use now (Edit ▸ Undo takes it back)</source>
        <translation>用这一页显示的数据训练，替换现在使用的数据（编辑 ▸ 撤销 可以改回来）</translation>
    </message>
    <message>
        <source>Scale the target too (mean 0, std 1)</source>
        <translation>目标也做标准化（均值 0，标准差 1）</translation>
    </message>
    <message>
        <source>Train on the standardized target; predictions, plots and errors are turned back into the target&apos;s own units.</source>
        <translation>用标准化后的目标训练；预测值、图表和误差都会换算回目标原来的单位。</translation>
    </message>
    <message>
        <source>No data chosen yet.</source>
        <translation>还没有选择数据。</translation>
    </message>
    <message>
        <source>Adapt the network to the data</source>
        <translation>让网络适应数据</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Scaling</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Only looking: the project still uses {name} until you press “Use this data” or choose on this page.</source>
        <translation>只是查看：在你按下“使用这份数据”或在这一页上做出选择之前，项目仍使用 {name}。</translation>
    </message>
    <message>
        <source>This project keeps a copy of {name}, imported earlier, but not how it was read (target, columns, task): it was saved while other data was in use.</source>
        <translation>这个项目保存着之前导入的 {name} 的副本，但没有保存它当时的读取方式（目标、列、任务）：保存项目时使用的是别的数据。</translation>
    </message>
    <message>
        <source>Import {name} again…</source>
        <translation>重新导入 {name}…</translation>
    </message>
    <message>
        <source>Imported: {name}</source>
        <translation>已导入：{name}</translation>
    </message>
    <message>
        <source>Imported earlier: {name} (not in use now)</source>
        <translation>之前导入：{name}（现在没有使用）</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Reading {title}…</source>
        <translation>正在读取 {title}…</translation>
    </message>
    <message>
        <source>Choose the four IDX files or one .npz file</source>
        <translation>选择四个 IDX 文件或一个 .npz 文件</translation>
    </message>
    <message>
        <source>IDX or NumPy files (*.gz *ubyte* *.idx *.npz);;All files (*)</source>
        <translation>IDX 或 NumPy 文件 (*.gz *ubyte* *.idx *.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Copying the files…</source>
        <translation>正在复制文件…</translation>
    </message>
    <message>
        <source>Adapt the network?</source>
        <translation>调整网络？</translation>
    </message>
    <message>
        <source>

Change the network to fit the data? (Edit ▸ Undo takes it back.)</source>
        <translation>

要修改网络以适应数据吗？（编辑 ▸ 撤销 可以还原。）</translation>
    </message>
    <message>
        <source>Adapt network to data</source>
        <translation>让网络适应数据</translation>
    </message>
    <message>
        <source>Use data {name}</source>
        <translation>使用数据 {name}</translation>
    </message>
    <message>
        <source>No data chosen yet: pick a generator, a built-in set or a CSV file.</source>
        <translation>还没有选择数据：请选择一个生成器、一个内置数据集或一个 CSV 文件。</translation>
    </message>
</context>
<context>
    <name>Digits</name>
    <message>
        <source>Train the network to see which images it gets wrong.</source>
        <translation>训练网络后，就能看到它认错了哪些图片。</translation>
    </message>
    <message>
        <source>Images of the evaluated part the network gets wrong, the most confident mistakes first: true class → predicted class, and how sure it was.</source>
        <translation>网络在评估数据中认错的图片，最有把握的错误排在前面：真实类别 → 预测类别，以及它当时有多大把握。</translation>
    </message>
    <message>
        <source>The gallery of mistakes shows images; these data are not images.</source>
        <translation>错例图库只能显示图片；这些数据不是图片。</translation>
    </message>
    <message>
        <source>No mistakes among {total} validation images.</source>
        <translation>{total} 张验证集图片中没有认错的。</translation>
    </message>
    <message>
        <source>{wrong} of {total} validation images wrong, most confident first</source>
        <translation>{total} 张验证集图片中认错了 {wrong} 张，最有把握的排在前面</translation>
    </message>
    <message>
        <source>No mistakes among {total} training images.</source>
        <translation>{total} 张训练集图片中没有认错的。</translation>
    </message>
    <message>
        <source>{wrong} of {total} training images wrong, most confident first</source>
        <translation>{total} 张训练集图片中认错了 {wrong} 张，最有把握的排在前面</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>还有 {n} 张</translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <source>The drawing scaled down to the images the network learned from</source>
        <translation>把手写图缩小到网络学习时所用图片的大小</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation>网络看到的图像</translation>
    </message>
    <message>
        <source>Train the network, then draw a digit here to see what it predicts.</source>
        <translation>先训练网络，然后在这里写一个数字，看看它的预测。</translation>
    </message>
    <message>
        <source>The network cannot predict: {0}</source>
        <translation>网络无法预测：{0}</translation>
    </message>
    <message>
        <source>The drawing pad works with the digits and MNIST data sets: choose one in the Data panel.</source>
        <translation>手写板用于 digits 和 MNIST 数据集：请在“数据”面板中选择一个。</translation>
    </message>
    <message>
        <source>The network takes {0} values, not a {1}x{1} image.</source>
        <translation>网络的输入是 {0} 个数，不是 {1}x{1} 的图片。</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse; the bars show the network&apos;s answer as you draw.</source>
        <translation>用鼠标写一个数字；一边写，柱状图一边显示网络的答案。</translation>
    </message>
    <message>
        <source>Drawing pad</source>
        <translation>手写板</translation>
    </message>
</context>
<context>
    <name>EdgeItem</name>
    <message>
        <source>{src} → {dst}  (select and press Del to disconnect)</source>
        <translation>{src} → {dst}（选中后按 Del 断开连接）</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <source>The network cannot be changed now: {reason}.</source>
        <translation>现在不能修改网络：{reason}。</translation>
    </message>
    <message>
        <source>it is locked</source>
        <translation>网络已锁定</translation>
    </message>
    <message>
        <source>Add {type}</source>
        <translation>添加 {type}</translation>
    </message>
    <message>
        <source>Connect {src} → {dst}</source>
        <translation>连接 {src} → {dst}</translation>
    </message>
    <message>
        <source>Connected &apos;{src}&apos; → &apos;{dst}&apos;.</source>
        <translation>已连接 &apos;{src}&apos; → &apos;{dst}&apos;。</translation>
    </message>
    <message>
        <source>Disconnect {src} → {dst}</source>
        <translation>断开 {src} → {dst}</translation>
    </message>
    <message>
        <source>Delete {n} items</source>
        <translation>删除 {n} 项</translation>
    </message>
    <message>
        <source>Rename {id} to {name}</source>
        <translation>把 {id} 重命名为 {name}</translation>
    </message>
    <message>
        <source>Paste {n} layers</source>
        <translation>粘贴 {n} 个层</translation>
    </message>
    <message>
        <source>Paste 1 layer</source>
        <translation>粘贴 1 个层</translation>
    </message>
    <message>
        <source>The layers are already arranged.</source>
        <translation>各层已经排列好了。</translation>
    </message>
    <message>
        <source>Arrange</source>
        <translation>自动排列</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>e.g. 28, 28, 1</source>
        <translation>例如 28, 28, 1</translation>
    </message>
    <message>
        <source>empty = same as the pool size</source>
        <translation>留空 = 与池化窗口大小相同</translation>
    </message>
    <message>
        <source>e.g. 3 or 3, 3</source>
        <translation>例如 3 或 3, 3</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>“{name}” has changes that are not saved. Save them first?</source>
        <translation>“{name}”有尚未保存的修改。要先保存吗？</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Opening {name} was cancelled.</source>
        <translation>已取消打开 {name}。</translation>
    </message>
    <message>
        <source>Opened {name}.</source>
        <translation>已打开 {name}。</translation>
    </message>
    <message>
        <source>This project has never been saved, so there is nothing to revert to.</source>
        <translation>这个项目从未保存过，所以没有可以还原的版本。</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Discard every change since “{name}” was last saved?</source>
        <translation>要放弃“{name}”上次保存以来的所有修改吗？</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>{path} is a sample installed with nnstudio: save your copy elsewhere.</source>
        <translation>{path} 是随 nnstudio 安装的示例：请把你的副本保存到别的地方。</translation>
    </message>
    <message>
        <source> (sample: Save makes your own copy)</source>
        <translation>（示例：保存时会生成你自己的副本）</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>正在保存 {name}…</translation>
    </message>
    <message>
        <source>Saving was cancelled: {name} is as it was.</source>
        <translation>已取消保存：{name} 保持原样。</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>已保存 {name}。</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The trained weights of {names} no longer fit and start afresh (Undo brings them back).</source>
        <translation>{names} 训练好的权重已不再匹配，将重新初始化（撤销可以找回）。</translation>
    </message>
    <message>
        <source>nnstudio projects (*.nnproj)</source>
        <translation>nnstudio 项目 (*.nnproj)</translation>
    </message>
    <message>
        <source>PyTorch script and weights (*.py)</source>
        <translation>PyTorch 脚本和权重 (*.py)</translation>
    </message>
    <message>
        <source>Keras script and weights (*.py)</source>
        <translation>Keras 脚本和权重 (*.py)</translation>
    </message>
    <message>
        <source>Keras model file for keras.models.load_model (*.keras)</source>
        <translation>Keras 模型文件，供 keras.models.load_model 加载 (*.keras)</translation>
    </message>
    <message>
        <source>Keras weights for the script&apos;s load_weights (*.weights.h5)</source>
        <translation>Keras 权重，供脚本的 load_weights 加载 (*.weights.h5)</translation>
    </message>
    <message>
        <source>ONNX model (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>NumPy weights (*.npz)</source>
        <translation>NumPy 权重 (*.npz)</translation>
    </message>
    <message>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>Cannot export model</source>
        <translation>无法导出模型</translation>
    </message>
    <message>
        <source>Cannot export the model to {path}: {detail}</source>
        <translation>无法把模型导出到 {path}：{detail}</translation>
    </message>
    <message>
        <source>Exported the model to {names}.</source>
        <translation>模型已导出到 {names}。</translation>
    </message>
    <message>
        <source>The network is untrained: the weights are fresh random ones.</source>
        <translation>网络还没有训练：权重是刚初始化的随机值。</translation>
    </message>
    <message>
        <source>Feed it data scaled as {file} says.</source>
        <translation>输入的数据需要按 {file} 中的说明做缩放。</translation>
    </message>
    <message>
        <source>It takes raw data: the training&apos;s scaling is built in.</source>
        <translation>可以直接输入原始数据：训练时的缩放已经包含在模型里。</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export canvas</source>
        <translation>导出画布</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Exported the canvas to {name}.</source>
        <translation>画布已导出到 {name}。</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Cannot write {path}.</source>
        <translation>无法写入 {path}。</translation>
    </message>
</context>
<context>
    <name>FilterGrid</name>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>{n} units as {h}x{w} images</source>
        <translation>{n} 个神经元，每个显示为 {h}x{w} 的图片</translation>
    </message>
    <message>
        <source>{n} units, {h}x{w} each</source>
        <translation>{n} 个神经元，各 {h}x{w}</translation>
    </message>
    <message>
        <source>{layer}: 1 filter</source>
        <translation>{layer}：1 个卷积核</translation>
    </message>
    <message>
        <source>{layer}: {n} filters</source>
        <translation>{layer}：{n} 个卷积核</translation>
    </message>
    <message>
        <source>1 filter</source>
        <translation>1 个卷积核</translation>
    </message>
    <message>
        <source>{n} filters</source>
        <translation>{n} 个卷积核</translation>
    </message>
</context>
<context>
    <name>FittedCurve</name>
    <message>
        <source>Fitted curve</source>
        <translation>拟合曲线</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络</translation>
    </message>
</context>
<context>
    <name>FrameExport</name>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>存放 PNG 帧的文件夹</translation>
    </message>
    <message>
        <source>Cannot write frames into {0}: it is a file, not a folder.</source>
        <translation>无法把帧写入 {0}：它是一个文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Cannot write frames into {0}: {1}.</source>
        <translation>无法把帧写入 {0}：{1}。</translation>
    </message>
    <message>
        <source>Export cancelled: {0} frames written into {1}.</source>
        <translation>导出已取消：已向 {1} 写入 {0} 帧。</translation>
    </message>
    <message>
        <source>{0} frames written into {1}.</source>
        <translation>已向 {1} 写入 {0} 帧。</translation>
    </message>
    <message>
        <source>Could not write the frame {0}.</source>
        <translation>无法写入帧 {0}。</translation>
    </message>
</context>
<context>
    <name>GradcheckView</name>
    <message>
        <source>tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>元素数</translation>
    </message>
    <message>
        <source>central</source>
        <translation>中心差分</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向差分</translation>
    </message>
    <message>
        <source>kinks</source>
        <translation>折点</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>central differences</source>
        <translation>中心差分</translation>
    </message>
    <message>
        <source>forward differences</source>
        <translation>前向差分</translation>
    </message>
    <message>
        <source>at a kink (not an error)</source>
        <translation>在折点上（不是错误）</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Larger tensors are checked on this many entries drawn at random</source>
        <translation>较大的张量只随机抽取这么多个元素来检验</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Step h</source>
        <translation>步长 h</translation>
    </message>
    <message>
        <source>At most entries per tensor</source>
        <translation>每个张量最多检验的元素数</translation>
    </message>
    <message>
        <source>Relative error of each numerical gradient against backpropagation (entries at a kink left out):</source>
        <translation>每个数值梯度相对于反向传播梯度的相对误差（折点上的元素不计）：</translation>
    </message>
    <message>
        <source>error = max|a − n| / max(max|a|, max|n|, 10⁻⁴) over a tensor&apos;s entries (a: backpropagation, n: numerical); ok when it is at most 10⁻⁴.</source>
        <translation>误差 = max|a − n| / max(max|a|, max|n|, 10⁻⁴)，对一个张量的所有元素取最大（a：反向传播，n：数值梯度）；不超过 10⁻⁴ 即为一致。</translation>
    </message>
    <message>
        <source>backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>numerical gradient</source>
        <translation>数值梯度</translation>
    </message>
    <message>
        <source>Check cancelled.</source>
        <translation>检验已取消。</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>{0} entries sit at a kink, where the slope jumps (a ReLU input at exactly 0, a tie in a max-pool window): a finite difference there averages the two sides, while backpropagation takes one side&apos;s slope, as every framework does. They are circled in red and left out of the errors.</source>
        <translation>有 {0} 个元素正好在折点上，那里斜率会跳变（ReLU 的输入恰好为 0，或最大池化窗口中有并列最大值）：有限差分会取两侧的平均，而反向传播只取一侧的斜率，所有框架都是这样做的。它们用红圈标出，不计入误差。</translation>
    </message>
    <message>
        <source>No entry sits at a kink (a ReLU input at exactly 0, a max-pool tie).</source>
        <translation>没有元素在折点上（ReLU 输入恰好为 0、最大池化中的并列）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Backpropagation&lt;/b&gt;: 1 forward + 1 backward pass gives all {0} gradients: {1}.</source>
        <translation>&lt;b&gt;反向传播&lt;/b&gt;：1 次前向传播 + 1 次反向传播就得到全部 {0} 个梯度：{1}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Central differences&lt;/b&gt; (f(w+h) − f(w−h)) / 2h: 2 forward passes per weight, {0} passes for {1} entries: {2}.</source>
        <translation>&lt;b&gt;中心差分&lt;/b&gt; (f(w+h) − f(w−h)) / 2h：每个权重 2 次前向传播，{1} 个元素共 {0} 次：{2}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Forward differences&lt;/b&gt; (f(w+h) − f(w)) / h: 1 pass per weight, {0} passes: {1}; half the cost, but its error shrinks only like h, not h².</source>
        <translation>&lt;b&gt;前向差分&lt;/b&gt; (f(w+h) − f(w)) / h：每个权重 1 次，共 {0} 次：{1}；计算量减半，但误差只按 h 而不是 h² 缩小。</translation>
    </message>
    <message>
        <source>Every training step needs the gradient of all {0} weights: numerically that is about {1} times the cost of backpropagation.</source>
        <translation>每一步训练都需要全部 {0} 个权重的梯度：用数值方法计算，代价约为反向传播的 {1} 倍。</translation>
    </message>
    <message>
        <source>Press Check: each entry&apos;s numerical gradient is drawn against backpropagation&apos;s, on y = x.</source>
        <translation>点击“检验”：每个元素的数值梯度会与反向传播的梯度对照画出，一致时落在 y = x 上。</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:12pt&apos;&gt;{0}&lt;/b&gt;: {1} entries, on {2} samples, h = {3}</source>
        <translation>&lt;b style=&apos;font-size:12pt&apos;&gt;{0}&lt;/b&gt;：{1} 个元素，{2} 个样本，h = {3}</translation>
    </message>
    <message>
        <source>Node &apos;{0}&apos; uses the &apos;{1}&apos; activation, which has no gradient (it is trained by the perceptron rule, not by backpropagation): nothing to check.</source>
        <translation>节点 &apos;{0}&apos; 使用 &apos;{1}&apos; 激活函数，它没有梯度（它由感知机规则训练，而不是反向传播）：没有可检验的梯度。</translation>
    </message>
</context>
<context>
    <name>GradientNormsPlot</name>
    <message>
        <source>Gradient norm per layer</source>
        <translation>每层的梯度范数</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>‖gradient‖ (log)</source>
        <translation>‖梯度‖（对数）</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>No gradients to show: the perceptron rule corrects the weights from each mistake directly (w ← w + lr·(y − ŷ)·x) and computes no gradients. Choose another optimizer, such as sgd, to see them.</source>
        <translation>没有梯度可显示：感知机学习规则直接根据每次出错修正权重（w ← w + lr·(y − ŷ)·x），不计算梯度。选择其他优化器（例如 sgd）即可看到梯度。</translation>
    </message>
</context>
<context>
    <name>HiddenStateView</name>
    <message>
        <source>Which sample&apos;s sequence to show</source>
        <translation>显示哪个样本的序列</translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation>样本：</translation>
    </message>
    <message>
        <source>timestep</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>The hidden state h of each unit (rows) after each timestep (columns) for the chosen sample: blue positive, orange negative.</source>
        <translation>所选样本在每个时间步（列）之后各单元（行）的隐藏状态 h：蓝色为正，橙色为负。</translation>
    </message>
    <message>
        <source>{layer}: hidden state h ±{0}</source>
        <translation>{layer}：隐藏状态 h ±{0}</translation>
    </message>
    <message>
        <source>{layer}: h ±{0}</source>
        <translation>{layer}：h ±{0}</translation>
    </message>
    <message>
        <source>of {n} ({which})</source>
        <translation>共 {n} 个（{which}）</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
</context>
<context>
    <name>Histograms</name>
    <message>
        <source>⚠ {0} dead ReLUs</source>
        <translation>⚠ {0} 的 ReLU 已死亡（恒为 0）</translation>
    </message>
    <message>
        <source>⚠ {0} saturated</source>
        <translation>⚠ {0} 已饱和</translation>
    </message>
</context>
<context>
    <name>InitExplorer</name>
    <message>
        <source>activations a</source>
        <translation>激活值 a</translation>
    </message>
    <message>
        <source>gradients δ = dL/dz</source>
        <translation>梯度 δ = dL/dz</translation>
    </message>
    <message>
        <source>Initialisation explorer</source>
        <translation>初始化探索</translation>
    </message>
    <message>
        <source>A deep stack of Dense layers</source>
        <translation>多层全连接层 Dense 堆叠</translation>
    </message>
    <message>
        <source>The current network</source>
        <translation>当前网络</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Units per layer</source>
        <translation>每层神经元数</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>spread of {0} by layer (log scale)</source>
        <translation>各层 {0} 的分散程度（对数坐标）</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>standard deviation</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>A batch of 500 N(0, 1) inputs; a random N(0, 1) gradient enters at the output. Xavier draws var W = 2 / (fan_in + fan_out), made for tanh and sigmoid; He draws var W = 2 / fan_in, made for ReLU. Watch N(0, 0.01) shrink toward 0 layer after layer, N(0, 1) push tanh units to ±1, and zeros give every unit the same value: nothing to tell them apart (a spread of 0, which the log-scale spread plots cannot draw: zeros has no line there).</source>
        <translation>输入是一批 500 个 N(0, 1) 样本；从输出端送入一个随机的 N(0, 1) 梯度。Xavier 按 var W = 2 / (fan_in + fan_out) 抽取权重，适合 tanh 和 sigmoid；He 按 var W = 2 / fan_in 抽取，适合 ReLU。观察：N(0, 0.01) 一层层缩小到接近 0，N(0, 1) 把 tanh 神经元推到 ±1（饱和），zeros 让每个神经元的值都相同，无法区分彼此（分散程度为 0，对数坐标的分散程度图画不出 0，所以那里没有 zeros 的线）。</translation>
    </message>
    <message>
        <source>Histogram colours: layer 1 {0} layer {1}</source>
        <translation>直方图颜色：第 1 层 {0} 第 {1} 层</translation>
    </message>
    <message>
        <source>{0} give the same spread of {1} here: their points lie on top of each other.</source>
        <translation>{0} 在这里给出的{1} 分散程度相同：它们的点互相重叠。</translation>
    </message>
    <message>
        <source>{0} and {1}</source>
        <translation>{0} 和 {1}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; uses {1}, which passes no gradient back (its slope is 0 everywhere), so every gradient δ here is 0: the gradient histograms are a spike at 0 and their spread plot stays empty.</source>
        <translation>&apos;{0}&apos; 使用 {1}，它不向回传递任何梯度（它的斜率处处为 0），所以这里的每个梯度 δ 都是 0：梯度直方图只是 0 处的一根尖峰，梯度的分散程度图也是空的。</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; uses {1}, which passes no gradient back (its slope is 0 everywhere), so every gradient δ up to layer {2} is 0 (a spike at 0, no point in the spread plot); the layers after it still get theirs.</source>
        <translation>&apos;{0}&apos; 使用 {1}，它不向回传递任何梯度（它的斜率处处为 0），所以从第 1 层到第 {2} 层的每个梯度 δ 都是 0（0 处的一根尖峰，分散程度图上没有点）；它之后的层仍然得到各自的梯度。</translation>
    </message>
</context>
<context>
    <name>InkCanvas</name>
    <message>
        <source>Drawing surface</source>
        <translation>书写区域</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Select a layer on the canvas to edit its settings.</source>
        <translation>在画布上选中一个层，即可编辑它的设置。</translation>
    </message>
    <message>
        <source>{n} layers selected. Select one to edit its settings.</source>
        <translation>选中了 {n} 个层。只选一个才能编辑它的设置。</translation>
    </message>
    <message>
        <source>Layer name</source>
        <translation>层名称</translation>
    </message>
    <message>
        <source>The layer&apos;s name as shown on its card; names must be unique.</source>
        <translation>显示在层卡片上的名称；名称不能重复。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The layer&apos;s id in the project file (never changes)</source>
        <translation>层在项目文件中的 id（永远不变）</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>This layer has no settings.</source>
        <translation>这个层没有可设置的参数。</translation>
    </message>
    <message>
        <source>Settings are locked: {reason}.</source>
        <translation>设置已锁定：{reason}。</translation>
    </message>
    <message>
        <source>Set {param} of {layer}</source>
        <translation>设置 {layer} 的 {param}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>nnstudio will show {language} the next time it starts. Close and open nnstudio to switch now.</source>
        <translation>nnstudio 下次启动时将使用“{language}”。关闭并重新打开 nnstudio 即可切换。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>LayerCategory</name>
    <message>
        <source>Core</source>
        <translation>基础层</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation>循环</translation>
    </message>
</context>
<context>
    <name>LayerText</name>
    <message>
        <source>Unknown layer type {type!r}.</source>
        <translation>未知的层类型 {type!r}。</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Train the network to check it.</source>
        <translation>训练网络后即可检查。</translation>
    </message>
    <message>
        <source>✓ Met: {metric} = {value} after 1 epoch.</source>
        <translation>✓ 已达成：训练 1 轮后 {metric} = {value}。</translation>
    </message>
    <message>
        <source>Not met yet: {metric} = {value} after 1 epoch.</source>
        <translation>尚未达成：训练 1 轮后 {metric} = {value}。</translation>
    </message>
    <message>
        <source>✓ Met: {metric} = {value} after {epochs} epochs.</source>
        <translation>✓ 已达成：训练 {epochs} 轮后 {metric} = {value}。</translation>
    </message>
    <message>
        <source>Not met yet: {metric} = {value} after {epochs} epochs.</source>
        <translation>尚未达成：训练 {epochs} 轮后 {metric} = {value}。</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Lesson notes</source>
        <translation>课程笔记</translation>
    </message>
    <message>
        <source>Edit lesson…</source>
        <translation>编辑课程…</translation>
    </message>
    <message>
        <source>Write this project&apos;s title, lesson, notes and goal (File ▸ Project Properties)</source>
        <translation>填写这个项目的标题、课程、笔记和学习目标（文件 ▸ 项目属性）</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Try</source>
        <translation>动手试一试</translation>
    </message>
    <message>
        <source>This project has no lesson yet. **Edit lesson…** (or File ▸ Project Properties) gives it a lesson line, notes in Markdown and a goal.</source>
        <translation>这个项目还没有课程内容。点 **编辑课程…**（或 文件 ▸ 项目属性）可以写一句课程说明、Markdown 笔记和一个学习目标。</translation>
    </message>
    <message>
        <source>Goal: {goal}</source>
        <translation>目标：{goal}</translation>
    </message>
</context>
<context>
    <name>LiveViews</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Histograms</source>
        <translation>直方图</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>错例</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测曲线</translation>
    </message>
    <message>
        <source>Hidden state</source>
        <translation>隐藏状态</translation>
    </message>
    <message>
        <source>Through time</source>
        <translation>随时间</translation>
    </message>
    <message>
        <source>Weight images</source>
        <translation>权重图像</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>
&lt;h3&gt;Building&lt;/h3&gt;
&lt;table cellspacing=4&gt;
&lt;tr&gt;&lt;td&gt;Drag a palette entry onto the canvas&lt;/td&gt;&lt;td&gt;add that layer there&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Double-click a palette entry (or Enter)&lt;/td&gt;&lt;td&gt;add it after the selected layer, connected&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Drag from a card&apos;s right port to another card&lt;/td&gt;&lt;td&gt;connect them&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Select a connection, then Del&lt;/td&gt;&lt;td&gt;disconnect&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Del&lt;/td&gt;&lt;td&gt;delete the selection&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+C / Ctrl+X / Ctrl+V / Ctrl+D&lt;/td&gt;&lt;td&gt;copy / cut / paste / duplicate&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+A&lt;/td&gt;&lt;td&gt;select every layer&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+L&lt;/td&gt;&lt;td&gt;arrange left to right&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/td&gt;&lt;td&gt;undo / redo&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;
&lt;h3&gt;Looking around&lt;/h3&gt;
&lt;table cellspacing=4&gt;
&lt;tr&gt;&lt;td&gt;Mouse wheel, Ctrl++ / Ctrl+-&lt;/td&gt;&lt;td&gt;zoom&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+0 / Ctrl+1&lt;/td&gt;&lt;td&gt;fit the network / actual size&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Middle-drag, or hold Space and drag&lt;/td&gt;&lt;td&gt;pan&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Drag on empty canvas / Ctrl+click&lt;/td&gt;&lt;td&gt;select several layers&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;
</source>
        <translation>
&lt;h3&gt;搭建网络&lt;/h3&gt;
&lt;table cellspacing=4&gt;
&lt;tr&gt;&lt;td&gt;把组件面板中的一项拖到画布上&lt;/td&gt;&lt;td&gt;在那里添加这个层&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;双击组件面板中的一项（或按 Enter）&lt;/td&gt;&lt;td&gt;添加到选中层的后面并连好&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;从一个卡片右侧的端口拖到另一个卡片&lt;/td&gt;&lt;td&gt;连接它们&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;选中一条连接，再按 Del&lt;/td&gt;&lt;td&gt;断开连接&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Del&lt;/td&gt;&lt;td&gt;删除选中内容&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+C / Ctrl+X / Ctrl+V / Ctrl+D&lt;/td&gt;&lt;td&gt;复制 / 剪切 / 粘贴 / 创建副本&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+A&lt;/td&gt;&lt;td&gt;选中所有层&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+L&lt;/td&gt;&lt;td&gt;从左到右自动排列&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+Z / Ctrl+Shift+Z&lt;/td&gt;&lt;td&gt;撤销 / 重做&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;
&lt;h3&gt;浏览&lt;/h3&gt;
&lt;table cellspacing=4&gt;
&lt;tr&gt;&lt;td&gt;鼠标滚轮，Ctrl++ / Ctrl+-&lt;/td&gt;&lt;td&gt;缩放&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Ctrl+0 / Ctrl+1&lt;/td&gt;&lt;td&gt;显示整个网络 / 实际大小&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;按住中键拖动，或按住空格拖动&lt;/td&gt;&lt;td&gt;平移&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;在画布空白处拖动 / Ctrl+点击&lt;/td&gt;&lt;td&gt;选中多个层&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;
</translation>
    </message>
    <message>
        <source>Opened project</source>
        <translation>打开的项目</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>编辑历史</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Zoom {0}%</source>
        <translation>缩放 {0}%</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Structure locked: {reason}</source>
        <translation>结构已锁定：{reason}</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation>清空最近文件列表</translation>
    </message>
    <message>
        <source>Select layers or connections to delete.</source>
        <translation>请先选中要删除的层或连接。</translation>
    </message>
    <message>
        <source>Select layers to copy.</source>
        <translation>请先选中要复制的层。</translation>
    </message>
    <message>
        <source>Copied {n} layers.</source>
        <translation>已复制 {n} 个层。</translation>
    </message>
    <message>
        <source>Copied 1 layer.</source>
        <translation>已复制 1 个层。</translation>
    </message>
    <message>
        <source>The clipboard holds no layers to paste.</source>
        <translation>剪贴板中没有可以粘贴的层。</translation>
    </message>
    <message>
        <source>Select layers to duplicate.</source>
        <translation>请先选中要创建副本的层。</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 个问题</translation>
    </message>
    <message>
        <source>{n} problems</source>
        <translation>{n} 个问题</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>问题 ({n})</translation>
    </message>
    <message>
        <source>Keyboard and mouse</source>
        <translation>键盘和鼠标</translation>
    </message>
    <message>
        <source>About nnstudio</source>
        <translation>关于 nnstudio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;nnstudio {version}&lt;/h3&gt;&lt;p&gt;Design neural networks visually and watch them learn. A pure-NumPy engine with a PySide6 studio.&lt;/p&gt;&lt;p&gt;MIT licence.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;nnstudio {version}&lt;/h3&gt;&lt;p&gt;用图形方式设计神经网络，并观察它如何学习。纯 NumPy 计算引擎，PySide6 界面。&lt;/p&gt;&lt;p&gt;MIT 许可证。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MissingData</name>
    <message>
        <source>{title} is not on this computer yet. In the Data panel, “Download {title} ({size} MB)” fetches it once; without internet, “Use files I have…” takes the files you already have (the four IDX files, or Keras&apos; .npz).</source>
        <translation>这台电脑上还没有 {title}。在数据面板里，“下载 {title}（{size} MB）”只需下载一次；没有网络时，“使用我已有的文件…”可以用你手头已有的文件（四个 IDX 文件，或 Keras 的 .npz）。</translation>
    </message>
    <message>
        <source>{title} is not on this computer yet. In the Data panel, “Download {title} ({size} MB)” fetches it once; without internet, copy {files} into {folder}.</source>
        <translation>这台电脑上还没有 {title}。在数据面板里，“下载 {title}（{size} MB）”只需下载一次；没有网络时，把 {files} 复制到 {folder}。</translation>
    </message>
</context>
<context>
    <name>OptimizerPlayground</name>
    <message>
        <source>Optimizer playground</source>
        <translation>优化器演练场</translation>
    </message>
    <message>
        <source>Your own function…</source>
        <translation>自己输入函数…</translation>
    </message>
    <message>
        <source>e.g. x0^2 + 3*sin(x1)</source>
        <translation>例如 x0^2 + 3*sin(x1)</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>{0} learning rate</source>
        <translation>{0} 的学习率</translation>
    </message>
    <message>
        <source>Steps per second</source>
        <translation>每秒步数</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Click the map to start from another point. Space plays or pauses, → steps.</source>
        <translation>点击地图可从另一个点出发。空格键播放或暂停，→ 键走一步。</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>(flew off)</source>
        <translation>（飞出去了）</translation>
    </message>
    <message>
        <source>(off the map)</source>
        <translation>（跑出地图了）</translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation>每秒 {0} 步</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Filter layers…</source>
        <translation>筛选层…</translation>
    </message>
    <message>
        <source>Filter layers</source>
        <translation>筛选层</translation>
    </message>
    <message>
        <source>Layer palette</source>
        <translation>层组件面板</translation>
    </message>
    <message>
        <source>Drag onto the canvas, or double-click to add after the selected layer.</source>
        <translation>拖到画布上，或双击添加到选中层的后面。</translation>
    </message>
</context>
<context>
    <name>PerceptronView</name>
    <message>
        <source>The perceptron rule, one sample at a time</source>
        <translation>感知机学习规则：一次一个样本</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>Next sample ▶</source>
        <translation>下一个样本 ▶</translation>
    </message>
    <message>
        <source>Rest of the epoch ▶▶</source>
        <translation>本轮剩下的样本 ▶▶</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮 (epoch)</translation>
    </message>
    <message>
        <source>mistakes</source>
        <translation>错误数</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Before the first sample</source>
        <translation>第一个样本之前</translation>
    </message>
    <message>
        <source>Epoch {0}, step {1} of {2} ({3} steps in all)</source>
        <translation>第 {0} 轮，第 {1} / {2} 步（共 {3} 步）</translation>
    </message>
    <message>
        <source>Settled: epoch {0} went by without a mistake, so the line separates the classes and the rule will never move it again.</source>
        <translation>已收敛：第 {0} 轮一个错误也没有，说明这条直线已经把两类分开，学习规则再也不会移动它。</translation>
    </message>
    <message>
        <source>Still {0} mistakes in epoch {1}: no straight line separates these classes (as for XOR), so the rule keeps moving the line and never settles.</source>
        <translation>第 {1} 轮仍有 {0} 个错误：没有一条直线能分开这些类别（和 XOR 一样），所以学习规则会不停地移动这条直线，永远不会收敛。</translation>
    </message>
    <message>
        <source>&lt;p&gt;w = {0}, b = {1}, η = {2}&lt;/p&gt;</source>
        <translation>&lt;p&gt;w = {0}，b = {1}，η = {2}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;ŷ = {0}(w·x + b)&lt;/b&gt;; after each sample &lt;b&gt;w ← w + η(t − ŷ)x&lt;/b&gt;, &lt;b&gt;b ← b + η(t − ŷ)&lt;/b&gt;: nothing changes when ŷ is right.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;ŷ = {0}(w·x + b)&lt;/b&gt;；每个样本之后 &lt;b&gt;w ← w + η(t − ŷ)x&lt;/b&gt;，&lt;b&gt;b ← b + η(t − ŷ)&lt;/b&gt;：ŷ 正确时什么都不变。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sample {0}</source>
        <translation>样本 {0}</translation>
    </message>
    <message>
        <source>&lt;p&gt;error t − ŷ = {0} − {1} = &lt;b&gt;{2}&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;误差 t − ŷ = {0} − {1} = &lt;b&gt;{2}&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Right: the weights stay as they are.&lt;/p&gt;</source>
        <translation>&lt;p&gt;正确：权重保持不变。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Wrong: w ← w + η(t − ŷ)x, b ← b + η(t − ŷ)&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;错误：w ← w + η(t − ŷ)x，b ← b + η(t − ŷ)&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#555&apos;&gt;The dashed line is where the boundary was; it moves toward the misclassified sample.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#555&apos;&gt;虚线是决策边界原来的位置；边界会朝着被分错的样本移动。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>This view steps through the perceptron rule: choose the &apos;perceptron&apos; optimizer in the Training panel (it is &apos;{0}&apos;).</source>
        <translation>这个视图逐步演示感知机学习规则：请在“训练”面板中选择 perceptron 优化器（现在是 {0}）。</translation>
    </message>
</context>
<context>
    <name>PlaneView</name>
    <message>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>Predicted {0} over the inputs</source>
        <translation>输入平面上预测的 {0}</translation>
    </message>
    <message>
        <source>Predicted {0}</source>
        <translation>预测的 {0}</translation>
    </message>
    <message>
        <source>Prediction over the inputs</source>
        <translation>输入平面上的预测值</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>validation (ringed)</source>
        <translation>验证集（带圈）</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Cannot export to {path}: the folder {folder} does not exist.</source>
        <translation>无法导出到 {path}：文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Cannot export to {path}: {reason}.</source>
        <translation>无法导出到 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Cannot write {path}.</source>
        <translation>无法写入 {path}。</translation>
    </message>
    <message>
        <source>Cannot export to {path}: the name must end in .png (or another image type such as {others}).</source>
        <translation>无法导出到 {path}：文件名必须以 .png（或其他图片格式，例如 {others}）结尾。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export {name} as {kind}</source>
        <translation>把 {name} 导出为 {kind}</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 图片…</translation>
    </message>
    <message>
        <source>SVG drawing…</source>
        <translation>SVG 矢量图…</translation>
    </message>
    <message>
        <source>CSV table…</source>
        <translation>CSV 表格…</translation>
    </message>
</context>
<context>
    <name>PlotView</name>
    <message>
        <source>Why this plot is empty</source>
        <translation>这张图为什么是空的</translation>
    </message>
</context>
<context>
    <name>PortItem</name>
    <message>
        <source>Drag to another layer to connect</source>
        <translation>拖到另一个层上即可连接</translation>
    </message>
    <message>
        <source>Drag from here to the layer that should feed this one</source>
        <translation>从这里拖到为这个层提供输入的层</translation>
    </message>
</context>
<context>
    <name>PredictDialog</name>
    <message>
        <source>Predict new samples</source>
        <translation>预测新样本</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Remove the selected rows</source>
        <translation>删除选中的行</translation>
    </message>
    <message>
        <source>Paste rows copied from a spreadsheet or a CSV file: values separated by tabs or commas, one sample per line, columns in the table&apos;s order</source>
        <translation>粘贴从电子表格或 CSV 文件复制的行：值之间用制表符或逗号分隔，每行一个样本，列的顺序与表格相同</translation>
    </message>
    <message>
        <source>Type the inputs of new samples in the data&apos;s own units (or paste rows); the trained network&apos;s prediction appears as each row is filled. The scaling fitted at training is applied for you, as &apos;nnstudio predict&apos; does.</source>
        <translation>按数据本身的单位输入新样本的输入值（或粘贴多行）；每填好一行，训练好的网络的预测就会出现。训练时拟合的缩放会自动应用，和 &apos;nnstudio predict&apos; 一样。</translation>
    </message>
    <message>
        <source>This project has no data yet: choose data in the Data panel and train the network, then type new samples here.</source>
        <translation>这个项目还没有数据：请在数据面板中选择数据并训练网络，然后在这里输入新样本。</translation>
    </message>
    <message>
        <source>This network reads images of digits, which are drawn rather than typed: train it, then draw a digit on the drawing pad (View ▸ Panels ▸ Drawing pad) to see its prediction.</source>
        <translation>这个网络读取的是手写数字图像，要画出来而不是输入：先训练它，然后在手写板（视图 ▸ 面板 ▸ 手写板）上写一个数字，看它的预测。</translation>
    </message>
    <message>
        <source>This network reads images, which a table cannot hold: predict a CSV of their pixels with &apos;nnstudio predict PROJECT --input FILE --output FILE&apos;.</source>
        <translation>这个网络读取的是图像，表格放不下：请用 &apos;nnstudio predict PROJECT --input FILE --output FILE&apos; 预测一个存放像素的 CSV。</translation>
    </message>
    <message>
        <source>This network reads sequences (several values per time step), which a table of samples cannot hold: predict a CSV of them with &apos;nnstudio predict PROJECT --input FILE --output FILE&apos;.</source>
        <translation>这个网络读取的是序列（每个时间步有多个值），样本表格放不下：请用 &apos;nnstudio predict PROJECT --input FILE --output FILE&apos; 预测一个存放序列的 CSV。</translation>
    </message>
    <message>
        <source>Train the network first: predictions use its trained weights and the scaling fitted to its training data.</source>
        <translation>请先训练网络：预测要用到它训练好的权重，以及在训练数据上拟合的缩放。</translation>
    </message>
    <message>
        <source>The network cannot predict with its trained weights ({0}): train it again.</source>
        <translation>网络无法用它训练好的权重进行预测（{0}）：请重新训练。</translation>
    </message>
    <message>
        <source>This network takes {0} inputs, too many to type by hand: predict a CSV of them with &apos;nnstudio predict PROJECT --input FILE --output FILE&apos;.</source>
        <translation>这个网络有 {0} 个输入，太多了，无法手工输入：请用 &apos;nnstudio predict PROJECT --input FILE --output FILE&apos; 预测一个 CSV。</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>预测的类别</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>Prediction {0}</source>
        <translation>预测值 {0}</translation>
    </message>
    <message>
        <source>Predicted {0}</source>
        <translation>预测的 {0}</translation>
    </message>
    <message>
        <source>One of: {0}</source>
        <translation>可选：{0}</translation>
    </message>
    <message>
        <source>The trained network&apos;s prediction (read only)</source>
        <translation>训练好的网络的预测（只读）</translation>
    </message>
    <message>
        <source>The clipboard holds no rows to paste.</source>
        <translation>剪贴板里没有可以粘贴的行。</translation>
    </message>
    <message>
        <source>The network cannot predict these samples: {0}</source>
        <translation>网络无法预测这些样本：{0}</translation>
    </message>
    <message>
        <source>{0} (1 more cell is marked.)</source>
        <translation>{0}（另有 1 个单元格被标出。）</translation>
    </message>
    <message>
        <source>{0} ({1} more cells are marked.)</source>
        <translation>{0}（另有 {1} 个单元格被标出。）</translation>
    </message>
    <message>
        <source>Row {0}, column &apos;{1}&apos;: &apos;{2}&apos; is not one of the categories the network was trained on ({3}).</source>
        <translation>第 {0} 行，“{1}”列：“{2}”不是网络训练时见过的类别之一（{3}）。</translation>
    </message>
    <message>
        <source>Row {0}, column &apos;{1}&apos;: &apos;{2}&apos; is not a number.</source>
        <translation>第 {0} 行，“{1}”列：“{2}”不是数字。</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Probability of each class:</source>
        <translation>每个类别的概率：</translation>
    </message>
</context>
<context>
    <name>PredictedVsTrue</name>
    <message>
        <source>Predicted vs true</source>
        <translation>预测值与真实值</translation>
    </message>
    <message>
        <source>true value</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>predicted value</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>Predicted vs true (validation data)</source>
        <translation>预测值与真实值（验证集）</translation>
    </message>
    <message>
        <source>Predicted vs true (training data)</source>
        <translation>预测值与真实值（训练集）</translation>
    </message>
</context>
<context>
    <name>PredictionView</name>
    <message>
        <source>Train the network to see what it predicts.</source>
        <translation>训练网络后，就能看到它的预测。</translation>
    </message>
    <message>
        <source>Discretize</source>
        <translation>按类别着色</translation>
    </message>
    <message>
        <source>Paint each region in the colour of the class the network picks there</source>
        <translation>把每个区域涂成网络在那里选择的类别的颜色</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Presentation</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Pause / Resume</source>
        <translation>暂停 / 继续</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>单步一轮</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Fit network</source>
        <translation>显示整个网络</translation>
    </message>
    <message>
        <source>Leave presentation (F11)</source>
        <translation>退出演示模式 (F11)</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>
(click to select the layer)</source>
        <translation>
（点击可选中该层）</translation>
    </message>
    <message>
        <source>No problems: the network is complete and every shape fits.</source>
        <translation>没有问题：网络是完整的，所有形状都匹配。</translation>
    </message>
</context>
<context>
    <name>ProjectProperties</name>
    <message>
        <source>Edit project properties</source>
        <translation>编辑项目属性</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <source>Project Properties</source>
        <translation>项目属性</translation>
    </message>
    <message>
        <source>One sentence: what this project teaches</source>
        <translation>一句话：这个项目教什么</translation>
    </message>
    <message>
        <source>Notes in Markdown. A paragraph starting with **Try:** becomes a suggestion in the Lesson panel.</source>
        <translation>Markdown 格式的笔记。以 **Try:** 开头的段落会成为课程面板中的一条练习建议。</translation>
    </message>
    <message>
        <source>Notes (Markdown)</source>
        <translation>笔记（Markdown）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>学习目标</translation>
    </message>
    <message>
        <source>A promise the Lesson panel checks after each training session</source>
        <translation>每次训练结束后，课程面板会检查是否达成这个目标</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>至多</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Bound</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Within epochs</source>
        <translation>轮数上限</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程说明</translation>
    </message>
</context>
<context>
    <name>RecipeDialog</name>
    <message>
        <source>New from scikit-learn Recipe</source>
        <translation>按 scikit-learn 配方新建</translation>
    </message>
    <message>
        <source>hold out 10 % and stop when the validation score stalls</source>
        <translation>留出 10% 作验证集，验证分数不再提高时停止</translation>
    </message>
    <message>
        <source>inputs (no data chosen)</source>
        <translation>输入数（未选择数据）</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>No data chosen yet: the network gets the inputs below and one output. Choose the data first (Data panel) to build for it.</source>
        <translation>还没有选择数据：网络将使用下面设置的输入数和一个输出。要为数据搭建网络，请先在“数据”面板中选择数据。</translation>
    </message>
    <message>
        <source>For the current data: {rows:,} rows, {inputs} inputs per row.</source>
        <translation>为当前数据搭建：{rows:,} 行，每行 {inputs} 个输入。</translation>
    </message>
    <message>
        <source>batch_size must be &apos;auto&apos; or a whole number, not {text!r}.</source>
        <translation>batch_size 必须是 &apos;auto&apos; 或一个整数，不能是 {text!r}。</translation>
    </message>
    <message>
        <source>{name} must be a number, not {text!r}.</source>
        <translation>{name} 必须是一个数，不能是 {text!r}。</translation>
    </message>
    <message>
        <source>scikit-learn&apos;s {estimator}, rebuilt as a network you can watch learn.</source>
        <translation>把 scikit-learn 的 {estimator} 重建成一个网络，你可以看着它学习。</translation>
    </message>
    <message>
        <source>{layers} Dense layers, {weights:,} weights; {optimizer}, {batches}, loss {loss}, up to {epochs} epochs.</source>
        <translation>{layers} 个全连接层 Dense，{weights:,} 个参数；{optimizer}，{batches}，损失函数 {loss}，最多 {epochs} 轮。</translation>
    </message>
    <message>
        <source>batches of {n}</source>
        <translation>每个 mini-batch {n} 个样本</translation>
    </message>
    <message>
        <source>all rows at once</source>
        <translation>一次用全部行</translation>
    </message>
</context>
<context>
    <name>RunNames</name>
    <message>
        <source>{name} from epoch {epoch}</source>
        <translation>{name}（从第 {epoch} 轮继续）</translation>
    </message>
    <message>
        <source>Run {number}</source>
        <translation>第 {number} 次训练</translation>
    </message>
</context>
<context>
    <name>RunsComparison</name>
    <message>
        <source>epochs</source>
        <translation>轮数（epoch）</translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation>已见样本数</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比较各次训练</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>横轴</translation>
    </message>
    <message>
        <source>run</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最终</translation>
    </message>
    <message>
        <source>best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>wall time (s)</source>
        <translation>用时（秒）</translation>
    </message>
    <message>
        <source>Compare variants…</source>
        <translation>比较变体…</translation>
    </message>
    <message>
        <source>Make current</source>
        <translation>设为当前</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Its weights, curves, network and settings become the window&apos;s (Edit ▸ Undo goes back)</source>
        <translation>它的权重、曲线、网络和设置成为窗口当前的（编辑 ▸ 撤销 可以回去）</translation>
    </message>
    <message>
        <source>A pinned run is never let go to make room for new ones</source>
        <translation>固定的训练记录不会为腾出空间给新记录而被删除</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>横轴：</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名训练记录</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>{0} (validation)</source>
        <translation>{0}（验证集）</translation>
    </message>
    <message>
        <source>Solid: training; dashed: validation.</source>
        <translation>实线：训练集；虚线：验证集。</translation>
    </message>
    <message>
        <source>Seconds spread each run&apos;s wall time evenly over its epochs.</source>
        <translation>按秒计时：把每次训练的总用时平均分配到它的各轮上。</translation>
    </message>
    <message>
        <source>Not drawn (this axis was not recorded): {0}.</source>
        <translation>未画出（没有记录这个横轴）：{0}。</translation>
    </message>
    <message>
        <source>No run has been trained yet: train, or compare variants with &apos;nnstudio compare&apos;.</source>
        <translation>还没有训练过：先训练，或用 &apos;nnstudio compare&apos; 比较几种设置。</translation>
    </message>
    <message>
        <source>final {0}</source>
        <translation>最终 {0}</translation>
    </message>
    <message>
        <source>best {0}</source>
        <translation>最佳 {0}</translation>
    </message>
    <message>
        <source>{0} (pinned)</source>
        <translation>{0}（已固定）</translation>
    </message>
    <message>
        <source>The current run</source>
        <translation>当前的训练记录</translation>
    </message>
</context>
<context>
    <name>Sample</name>
    <message>
        <source>California housing: scikit-learn&apos;s MLPRegressor</source>
        <translation>加州房价：scikit-learn 的 MLPRegressor</translation>
    </message>
    <message>
        <source>Tutorial 000&apos;s MLPRegressor((50, 50, 50)): 8 census figures in, a district&apos;s median house value out.</source>
        <translation>教程 000 的 MLPRegressor((50, 50, 50))：输入 8 项人口普查数据，输出一个街区的房价中位数。</translation>
    </message>
    <message>
        <source>Forecasting a real series: CO2 at Mauna Loa</source>
        <translation>预测真实序列：莫纳罗亚的二氧化碳浓度</translation>
    </message>
    <message>
        <source>An LSTM reads 24 months of CO2 measurements and forecasts the next month, checked on the last years.</source>
        <translation>LSTM 读取 24 个月的二氧化碳测量值并预测下一个月，用最后几年的数据检验。</translation>
    </message>
    <message>
        <source>GRU against LSTM: the same forecast</source>
        <translation>GRU 对比 LSTM：同一个预测任务</translation>
    </message>
    <message>
        <source>The CO2 forecast with a GRU of the same 16 units: fewer parameters; compare them, the speed and the error.</source>
        <translation>用同样 16 个单元的 GRU 预测二氧化碳：参数量更少；比较参数量、速度和误差。</translation>
    </message>
    <message>
        <source>Deep ReLU network with He initialization</source>
        <translation>使用 He 初始化的深层 ReLU 网络</translation>
    </message>
    <message>
        <source>The same eight layers with ReLU and He initialization: the gradient gets through and it learns.</source>
        <translation>同样的八层，换成 ReLU 和 He 初始化：梯度能传回去，网络就能学习。</translation>
    </message>
    <message>
        <source>Deep sigmoid network: vanishing gradients</source>
        <translation>深层 sigmoid 网络：梯度消失</translation>
    </message>
    <message>
        <source>Eight sigmoid layers deep, the gradient fades before it reaches the first layers.</source>
        <translation>八层 sigmoid 叠在一起，梯度还没传到前面几层就消失了。</translation>
    </message>
    <message>
        <source>Digits: a convolutional network</source>
        <translation>手写数字：卷积神经网络</translation>
    </message>
    <message>
        <source>Small filters slide over the 8x8 images and learn strokes wherever they appear.</source>
        <translation>小卷积核在 8x8 图片上滑动，无论笔画出现在哪里都能学会识别。</translation>
    </message>
    <message>
        <source>Digits: a multilayer perceptron</source>
        <translation>手写数字：多层感知机</translation>
    </message>
    <message>
        <source>Handwritten 8x8 digits as 64 numbers each: one hidden layer reads them well.</source>
        <translation>每个 8x8 手写数字是 64 个数：一个隐藏层就能认得很好。</translation>
    </message>
    <message>
        <source>Stochastic, mini-batch and batch gradient descent</source>
        <translation>随机、mini-batch 与批量梯度下降</translation>
    </message>
    <message>
        <source>The same network and learning rate, updated after every sample, every 16 samples, or once an epoch.</source>
        <translation>同一个网络、同一个学习率：每个样本更新一次、每 16 个样本更新一次，或每轮只更新一次。</translation>
    </message>
    <message>
        <source>House prices: the 2-4-1 network of tutorial 002</source>
        <translation>房价：教程 002 的 2-4-1 网络</translation>
    </message>
    <message>
        <source>Tutorial 002&apos;s NumPy network: 4 sigmoid units learn a price from floor area and age.</source>
        <translation>教程 002 的 NumPy 网络：4 个 sigmoid 神经元根据面积和房龄学习房价。</translation>
    </message>
    <message>
        <source>House prices (regression)</source>
        <translation>房价（回归）</translation>
    </message>
    <message>
        <source>Predict a price from floor area and age: one linear neuron is linear regression.</source>
        <translation>根据面积和房龄预测房价：一个线性神经元就是线性回归。</translation>
    </message>
    <message>
        <source>Inside one step: backpropagation on XOR</source>
        <translation>一步训练的内部：XOR 上的反向传播</translation>
    </message>
    <message>
        <source>Follow one training step through a 2-3-1 network: every weighted sum, the loss, every δ, the update.</source>
        <translation>跟着一步训练走过 2-3-1 网络：每个加权和、损失、每个 δ，以及权重更新。</translation>
    </message>
    <message>
        <source>Iris: softmax classifier</source>
        <translation>鸢尾花：softmax 分类器</translation>
    </message>
    <message>
        <source>Three species from four measurements: a softmax layer gives one probability per class.</source>
        <translation>根据四个测量值区分三个品种：softmax 层为每个类别给出一个概率。</translation>
    </message>
    <message>
        <source>XOR in Keras: tutorial 001 step by step</source>
        <translation>Keras 中的 XOR：一步步重现教程 001</translation>
    </message>
    <message>
        <source>Tutorial 001&apos;s Keras model: Dense 10 tanh, Dense 1 sigmoid, 41 weights, plain SGD on XOR.</source>
        <translation>教程 001 的 Keras 模型：Dense 10 tanh、Dense 1 sigmoid，共 41 个参数，用普通 SGD 学习 XOR。</translation>
    </message>
    <message>
        <source>Learning rates: too small, right, too large, diverging</source>
        <translation>学习率：太小、合适、太大、发散</translation>
    </message>
    <message>
        <source>One linear neuron fits a plane by full-batch gradient descent at four learning rates.</source>
        <translation>一个线性神经元用全批量梯度下降拟合一个平面，比较四种学习率。</translation>
    </message>
    <message>
        <source>LSTM forecasting: the course&apos;s time-series model</source>
        <translation>LSTM 预测：课程中的时间序列模型</translation>
    </message>
    <message>
        <source>The course&apos;s Keras LSTM(50, relu) + Dense(1): read 10 steps of a series, predict the next one.</source>
        <translation>课程中的 Keras LSTM(50, relu) + Dense(1)：读入序列的 10 步，预测下一步。</translation>
    </message>
    <message>
        <source>Memory over time: a plain RNN forgets</source>
        <translation>长时间的记忆：普通 RNN 会遗忘</translation>
    </message>
    <message>
        <source>The sign of a value 20 to 29 steps back: a SimpleRNN cannot keep it; change it to an LSTM.</source>
        <translation>记住 20 到 29 步之前那个值的正负：SimpleRNN 记不住；把它换成 LSTM 试试。</translation>
    </message>
    <message>
        <source>MNIST: the course&apos;s convolutional network</source>
        <translation>MNIST：课程中的卷积神经网络</translation>
    </message>
    <message>
        <source>Two convolution and pooling stages, then two dense layers: 225,034 weights and about 99 % right.</source>
        <translation>两组卷积层和池化层，再接两个全连接层：共 225,034 个参数，准确率约 99%。</translation>
    </message>
    <message>
        <source>MNIST: the two-layer network</source>
        <translation>MNIST：两层神经网络</translation>
    </message>
    <message>
        <source>784 pixels, 100 sigmoid units, 10 digits: the course&apos;s TwoLayerNet on real handwriting.</source>
        <translation>784 个像素、100 个 sigmoid 神经元、10 个数字：课程中的 TwoLayerNet 识别真实手写体。</translation>
    </message>
    <message>
        <source>Over-fitting: train and validation curves part</source>
        <translation>过拟合：训练集曲线和验证集曲线分道扬镳</translation>
    </message>
    <message>
        <source>A big network memorizes 40 noisy points: training accuracy climbs while validation lags behind.</source>
        <translation>大网络把 40 个带噪声的点背了下来：训练集准确率一路上升，验证集却跟不上。</translation>
    </message>
    <message>
        <source>Perceptron learns AND</source>
        <translation>感知机学习 AND</translation>
    </message>
    <message>
        <source>A single neuron with a step activation learns AND with the perceptron rule.</source>
        <translation>一个使用阶跃激活函数的神经元，用感知机学习规则学会 AND。</translation>
    </message>
    <message>
        <source>Perceptron fails XOR</source>
        <translation>感知机学不会 XOR</translation>
    </message>
    <message>
        <source>No single straight line separates XOR, so a lone perceptron never gets all four right.</source>
        <translation>没有一条直线能把 XOR 分开，所以单个感知机永远无法四个全对。</translation>
    </message>
    <message>
        <source>Spiral: depth bends the boundary</source>
        <translation>螺旋：深度让决策边界弯曲</translation>
    </message>
    <message>
        <source>Two interleaved spiral arms: two hidden layers of 16 tanh units learn to wind between them.</source>
        <translation>两条交错的螺旋臂：两个各有 16 个 tanh 神经元的隐藏层学会在它们之间绕行。</translation>
    </message>
    <message>
        <source>Initialisation through ten layers</source>
        <translation>初始化穿过十层</translation>
    </message>
    <message>
        <source>Ten tanh layers: Xavier initialisation keeps activations and gradients alive through all of them.</source>
        <translation>十个 tanh 层：Xavier 初始化让激活值和梯度穿过所有层都不会消失。</translation>
    </message>
    <message>
        <source>XOR with a hidden layer</source>
        <translation>带隐藏层的 XOR</translation>
    </message>
    <message>
        <source>Ten tanh units in a hidden layer bend the boundary, and XOR becomes learnable.</source>
        <translation>隐藏层中的十个 tanh 神经元让决策边界弯曲，XOR 就可以学会了。</translation>
    </message>
    <message>
        <source>XOR wired by hand from step units</source>
        <translation>用阶跃单元手工搭出 XOR</translation>
    </message>
    <message>
        <source>Two step units compute AND and OR; a third outputs OR-and-not-AND: XOR, with weights chosen by hand.</source>
        <translation>两个阶跃单元分别计算 AND 和 OR，第三个输出“OR 且非 AND”，即 XOR；权重全部手工选定。</translation>
    </message>
    <message>
        <source>Zero initialization: symmetry never breaks</source>
        <translation>全零初始化：对称性无法打破</translation>
    </message>
    <message>
        <source>Every hidden unit starts equal, gets equal updates and stays equal: ten units act as one.</source>
        <translation>每个隐藏神经元初始值相同、更新相同，始终相同：十个神经元的作用和一个一样。</translation>
    </message>
</context>
<context>
    <name>SequenceViews</name>
    <message>
        <source>i input</source>
        <translation>i 输入门</translation>
    </message>
    <message>
        <source>f forget</source>
        <translation>f 遗忘门</translation>
    </message>
    <message>
        <source>c new</source>
        <translation>c 新内容</translation>
    </message>
    <message>
        <source>o output</source>
        <translation>o 输出门</translation>
    </message>
    <message>
        <source>z update</source>
        <translation>z 更新门</translation>
    </message>
    <message>
        <source>r reset</source>
        <translation>r 重置门</translation>
    </message>
    <message>
        <source>h new</source>
        <translation>h 新内容</translation>
    </message>
    <message>
        <source>Input gate: how much of the new content is written into the memory cell (0 to 1).</source>
        <translation>输入门：新内容有多少写入记忆单元（0 到 1）。</translation>
    </message>
    <message>
        <source>Forget gate: how much of the memory cell is kept from the step before (0 to 1).</source>
        <translation>遗忘门：记忆单元中上一步的内容保留多少（0 到 1）。</translation>
    </message>
    <message>
        <source>New content the input gate may write into the memory cell.</source>
        <translation>输入门可写入记忆单元的新内容。</translation>
    </message>
    <message>
        <source>Output gate: how much of the memory cell is shown as the hidden state (0 to 1).</source>
        <translation>输出门：记忆单元有多少作为隐藏状态输出（0 到 1）。</translation>
    </message>
    <message>
        <source>Update gate: how much of the previous state is kept (0 to 1).</source>
        <translation>更新门：上一步的状态保留多少（0 到 1）。</translation>
    </message>
    <message>
        <source>Reset gate: how much of the previous state the new content reads (0 to 1).</source>
        <translation>重置门：新内容读取多少上一步的状态（0 到 1）。</translation>
    </message>
    <message>
        <source>New content that replaces the part of the state the update gate lets go.</source>
        <translation>替换更新门所放弃那部分状态的新内容。</translation>
    </message>
    <message>
        <source>time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>truth</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>validation part</source>
        <translation>验证部分</translation>
    </message>
    <message>
        <source>training part</source>
        <translation>训练部分</translation>
    </message>
    <message>
        <source>timestep</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>‖dL/dh_t‖ (log)</source>
        <translation>‖dL/dh_t‖（对数）</translation>
    </message>
    <message>
        <source>mean of the samples</source>
        <translation>样本平均</translation>
    </message>
    <message>
        <source>chosen sample</source>
        <translation>所选样本</translation>
    </message>
    <message>
        <source>gradient per timestep</source>
        <translation>每个时间步的梯度</translation>
    </message>
</context>
<context>
    <name>StepInside</name>
    <message>
        <source>{0} values
{1} … {2}</source>
        <translation>{0} 个值
{1} … {2}</translation>
    </message>
    <message>
        <source>… ({0} values)</source>
        <translation>…（共 {0} 个值）</translation>
    </message>
    <message>
        <source>The network sees the features standardized: x = (value − mean) / standard deviation, with the training data&apos;s mean and standard deviation of each feature (Data panel, Scaling).</source>
        <translation>网络看到的是标准化后的特征：x =（值 − 均值）/ 标准差，均值和标准差取自训练数据的每个特征（数据面板，缩放）。</translation>
    </message>
    <message>
        <source>The network sees the features scaled to 0…1: x = (value − min) / (max − min), with the training data&apos;s minimum and maximum of each feature (Data panel, Scaling).</source>
        <translation>网络看到的是缩放到 0…1 的特征：x =（值 − 最小值）/（最大值 − 最小值），最小值和最大值取自训练数据的每个特征（数据面板，缩放）。</translation>
    </message>
    <message>
        <source>The input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Sample {0}: x = {1}</source>
        <translation>样本 {0}：x = {1}</translation>
    </message>
    <message>
        <source>target y = {0}</source>
        <translation>目标 y = {0}</translation>
    </message>
    <message>
        <source>This step takes {0} samples ({1}); the circles show the first, the gradients average over all of them.</source>
        <translation>这一步用 {0} 个样本（{1}）；圆圈显示的是第一个样本，梯度是所有样本的平均。</translation>
    </message>
    <message>
        <source>&lt;b&gt;z = W·x + b&lt;/b&gt;: each unit adds up its {0} inputs times their weights, plus its bias</source>
        <translation>&lt;b&gt;z = W·x + b&lt;/b&gt;：每个神经元把 {0} 个输入分别乘以权重后相加，再加上偏置</translation>
    </message>
    <message>
        <source>… ({0} more)</source>
        <translation>…（还有 {0} 项）</translation>
    </message>
    <message>
        <source>… and the same for the other {0} units: z = {1}</source>
        <translation>……其余 {0} 个神经元也一样：z = {1}</translation>
    </message>
    <message>
        <source>&lt;b&gt;a = z&lt;/b&gt; (linear: no activation) = {0}</source>
        <translation>&lt;b&gt;a = z&lt;/b&gt;（linear：没有激活函数）= {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;a = {0}(z)&lt;/b&gt; = {1}</source>
        <translation>&lt;b&gt;a = {0}(z)&lt;/b&gt; = {1}</translation>
    </message>
    <message>
        <source>z = W ∗ x + b: each filter slides over the image and adds up what it covers</source>
        <translation>z = W ∗ x + b：每个卷积核在图像上滑动，把它覆盖的部分加权求和</translation>
    </message>
    <message>
        <source>z is the input; the layer only applies its function</source>
        <translation>z 就是输入；这个层只施加它的函数</translation>
    </message>
    <message>
        <source>the values are laid out in one row, nothing computed</source>
        <translation>把所有值排成一行，不做任何计算</translation>
    </message>
    <message>
        <source>while training, a random fraction of the values is set to 0 and the rest scaled up</source>
        <translation>训练时随机把一部分值置为 0，其余的值按比例放大</translation>
    </message>
    <message>
        <source>the inputs are added element by element</source>
        <translation>输入逐元素相加</translation>
    </message>
    <message>
        <source>the inputs are put side by side</source>
        <translation>输入并排拼接在一起</translation>
    </message>
    <message>
        <source>each window keeps its largest value</source>
        <translation>每个窗口保留其中的最大值</translation>
    </message>
    <message>
        <source>each window keeps its mean</source>
        <translation>每个窗口保留其中的平均值</translation>
    </message>
    <message>
        <source>each feature is standardised with the batch&apos;s mean and spread, then scaled and shifted</source>
        <translation>每个特征用这个 mini-batch 的均值和标准差做标准化，然后再缩放和平移</translation>
    </message>
    <message>
        <source>the same values in a new shape, nothing computed</source>
        <translation>同样的值换一个形状，不做任何计算</translation>
    </message>
    <message>
        <source>each channel becomes its mean over the image</source>
        <translation>每个通道变成它在整幅图像上的平均值</translation>
    </message>
    <message>
        <source>each integer token picks its row of the table W: a = W[x]</source>
        <translation>每个整数词元取出表 W 中它的那一行：a = W[x]</translation>
    </message>
    <message>
        <source>z = x W + b at each timestep, with the same W and b for every step</source>
        <translation>在每个时间步上 z = x W + b，每一步用同一个 W 和 b</translation>
    </message>
    <message>
        <source>one timestep after another: gates z, r = σ(x&lt;sub&gt;t&lt;/sub&gt; W + h&lt;sub&gt;t−1&lt;/sub&gt; U + b + b′), a candidate n = φ(x&lt;sub&gt;t&lt;/sub&gt; W + b + r·(h&lt;sub&gt;t−1&lt;/sub&gt; U + b′)) and h&lt;sub&gt;t&lt;/sub&gt; = z·h&lt;sub&gt;t−1&lt;/sub&gt; + (1 − z)·n, φ the layer&apos;s activation, b and b′ the bias&apos;s two rows; the output is the last h (every h with return_sequences)</source>
        <translation>逐个时间步计算：门 z、r = σ(x&lt;sub&gt;t&lt;/sub&gt; W + h&lt;sub&gt;t−1&lt;/sub&gt; U + b + b′)，候选值 n = φ(x&lt;sub&gt;t&lt;/sub&gt; W + b + r·(h&lt;sub&gt;t−1&lt;/sub&gt; U + b′))，h&lt;sub&gt;t&lt;/sub&gt; = z·h&lt;sub&gt;t−1&lt;/sub&gt; + (1 − z)·n，φ 是这一层的激活函数，b 和 b′ 是偏置的两行；输出是最后一个 h（设置 return_sequences 时输出每一个 h）</translation>
    </message>
    <message>
        <source>{0}: forward</source>
        <translation>{0}：前向传播</translation>
    </message>
    <message>
        <source>{0}: backward</source>
        <translation>{0}：反向传播</translation>
    </message>
    <message>
        <source>z = {0}</source>
        <translation>z = {0}</translation>
    </message>
    <message>
        <source>The network sees the pixels scaled to 0…1: x = (value − min) / (max − min), with the smallest and largest pixel values of the training images.</source>
        <translation>网络看到的是缩放到 0…1 的像素：x =（值 − 最小值）/（最大值 − 最小值），最小值和最大值是训练图像中最小和最大的像素值。</translation>
    </message>
    <message>
        <source>Sample {0} in the data: {1}</source>
        <translation>数据中的样本 {0}：{1}</translation>
    </message>
    <message>
        <source>scaled: x = {0}</source>
        <translation>缩放后：x = {0}</translation>
    </message>
    <message>
        <source>one timestep after another: h&lt;sub&gt;t&lt;/sub&gt; = φ(x&lt;sub&gt;t&lt;/sub&gt; W + h&lt;sub&gt;t−1&lt;/sub&gt; U + b), h&lt;sub&gt;0&lt;/sub&gt; = 0, φ the layer&apos;s activation; the output is the last h (every h with return_sequences)</source>
        <translation>逐个时间步计算：h&lt;sub&gt;t&lt;/sub&gt; = φ(x&lt;sub&gt;t&lt;/sub&gt; W + h&lt;sub&gt;t−1&lt;/sub&gt; U + b)，h&lt;sub&gt;0&lt;/sub&gt; = 0，φ 是这一层的激活函数；输出是最后一个 h（设置 return_sequences 时输出每一个 h）</translation>
    </message>
    <message>
        <source>one timestep after another: gates i, f, o = σ(x&lt;sub&gt;t&lt;/sub&gt; W + h&lt;sub&gt;t−1&lt;/sub&gt; U + b) and a candidate g = φ(…); the memory c&lt;sub&gt;t&lt;/sub&gt; = f·c&lt;sub&gt;t−1&lt;/sub&gt; + i·g and h&lt;sub&gt;t&lt;/sub&gt; = o·φ(c&lt;sub&gt;t&lt;/sub&gt;), φ the layer&apos;s activation; the output is the last h (every h with return_sequences)</source>
        <translation>逐个时间步计算：门 i、f、o = σ(x&lt;sub&gt;t&lt;/sub&gt; W + h&lt;sub&gt;t−1&lt;/sub&gt; U + b)，候选值 g = φ(…)；记忆 c&lt;sub&gt;t&lt;/sub&gt; = f·c&lt;sub&gt;t−1&lt;/sub&gt; + i·g，h&lt;sub&gt;t&lt;/sub&gt; = o·φ(c&lt;sub&gt;t&lt;/sub&gt;)，φ 是这一层的激活函数；输出是最后一个 h（设置 return_sequences 时输出每一个 h）</translation>
    </message>
    <message>
        <source>a = {0}</source>
        <translation>a = {0}</translation>
    </message>
    <message>
        <source>One sample&apos;s output has the shape {0}: the circles and heatmaps show it flattened.</source>
        <translation>一个样本的输出形状是 {0}：圆圈和热力图显示的是展平后的值。</translation>
    </message>
    <message>
        <source>L = mean over samples and outputs of (a − y)²</source>
        <translation>L = 对所有样本和输出求 (a − y)² 的平均</translation>
    </message>
    <message>
        <source>L = mean over samples and outputs of |a − y|</source>
        <translation>L = 对所有样本和输出求 |a − y| 的平均</translation>
    </message>
    <message>
        <source>L = −mean( y·log a + (1 − y)·log(1 − a) )</source>
        <translation>L = −mean( y·log a + (1 − y)·log(1 − a) )</translation>
    </message>
    <message>
        <source>L = −mean( log a&lt;sub&gt;y&lt;/sub&gt; ): minus the log of the right class&apos;s probability</source>
        <translation>L = −mean( log a&lt;sub&gt;y&lt;/sub&gt; )：正确类别概率的对数取负</translation>
    </message>
    <message>
        <source>L = −mean( Σ&lt;sub&gt;k&lt;/sub&gt; y&lt;sub&gt;k&lt;/sub&gt;·log a&lt;sub&gt;k&lt;/sub&gt; )</source>
        <translation>L = −mean( Σ&lt;sub&gt;k&lt;/sub&gt; y&lt;sub&gt;k&lt;/sub&gt;·log a&lt;sub&gt;k&lt;/sub&gt; )</translation>
    </message>
    <message>
        <source>The loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>output a = {0}, target y = {1}</source>
        <translation>输出 a = {0}，目标 y = {1}</translation>
    </message>
    <message>
        <source>&lt;b&gt;L = {0}&lt;/b&gt; (the batch of {1})</source>
        <translation>&lt;b&gt;L = {0}&lt;/b&gt;（这 {1} 个样本的 mini-batch）</translation>
    </message>
    <message>
        <source>The loss is computed from z directly (stable, and its gradient is simply a − y).</source>
        <translation>损失直接由 z 计算（数值稳定，而且梯度就是 a − y）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;δ = dL/dz = (a − y) / N&lt;/b&gt; (the {0} and the cross-entropy together)</source>
        <translation>&lt;b&gt;δ = dL/dz = (a − y) / N&lt;/b&gt;（{0} 和交叉熵合在一起求导）</translation>
    </message>
    <message>
        <source>&lt;b&gt;dL/da&lt;/b&gt;, the loss&apos;s slope at the output = {0}</source>
        <translation>&lt;b&gt;dL/da&lt;/b&gt;，损失在输出处的斜率 = {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;dL/da&lt;/b&gt; comes back from {0}: δ&lt;sub&gt;next&lt;/sub&gt;·W&lt;sub&gt;next&lt;/sub&gt;ᵀ = {1}</source>
        <translation>&lt;b&gt;dL/da&lt;/b&gt; 从 {0} 传回：δ&lt;sub&gt;next&lt;/sub&gt;·W&lt;sub&gt;next&lt;/sub&gt;ᵀ = {1}</translation>
    </message>
    <message>
        <source>&lt;b&gt;dL/da&lt;/b&gt; comes back from {0} = {1}</source>
        <translation>&lt;b&gt;dL/da&lt;/b&gt; 从 {0} 传回 = {1}</translation>
    </message>
    <message>
        <source>&lt;b&gt;δ = dL/dz&lt;/b&gt; = {0}</source>
        <translation>&lt;b&gt;δ = dL/dz&lt;/b&gt; = {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;δ = dL/da ⊙ {0}′(z)&lt;/b&gt; = {1} ⊙ {2}</source>
        <translation>&lt;b&gt;δ = dL/da ⊙ {0}′(z)&lt;/b&gt; = {1} ⊙ {2}</translation>
    </message>
    <message>
        <source>Backpropagation through time: dL/da enters at the last step and is passed back one timestep after another through U; each step adds its share to the gradients of W, U and b, the same weights at every step.</source>
        <translation>随时间反向传播：dL/da 从最后一个时间步进入，经过 U 一步一步往回传；每一步都把自己的那一份加到 W、U 和 b 的梯度上，因为每一步用的是同一组权重。</translation>
    </message>
    <message>
        <source>&lt;b&gt;dL/dW = xᵀ·δ&lt;/b&gt; (inputs × units, summed over the batch):</source>
        <translation>&lt;b&gt;dL/dW = xᵀ·δ&lt;/b&gt;（输入 × 神经元，对 mini-batch 求和）：</translation>
    </message>
    <message>
        <source>&lt;b&gt;dL/db = Σ δ&lt;/b&gt; over the batch = {0}</source>
        <translation>&lt;b&gt;dL/db = Σ δ&lt;/b&gt;（对 mini-batch 求和）= {0}</translation>
    </message>
    <message>
        <source>dL/d{0} (shape {1}):</source>
        <translation>dL/d{0}（形状 {1}）：</translation>
    </message>
    <message>
        <source>dL/da = {0}: passed back through this layer to its inputs</source>
        <translation>dL/da = {0}：穿过这个层传回给它的输入</translation>
    </message>
    <message>
        <source>w ← w − η·m̂ / (√v̂ + ε), m and v running means of g and g²</source>
        <translation>w ← w − η·m̂ / (√v̂ + ε)，m 和 v 是 g 和 g² 的滑动平均</translation>
    </message>
    <message>
        <source>w ← w − η·g / (√(running mean of g²) + ε)</source>
        <translation>w ← w − η·g / (√(g² 的滑动平均) + ε)</translation>
    </message>
    <message>
        <source>w ← w − η·g / (√(sum of all g²) + ε)</source>
        <translation>w ← w − η·g / (√(所有 g² 之和) + ε)</translation>
    </message>
    <message>
        <source>w ← w − η·(Nesterov-corrected m̂) / (√v̂ + ε)</source>
        <translation>w ← w − η·(经 Nesterov 修正的 m̂) / (√v̂ + ε)</translation>
    </message>
    <message>
        <source>the step of {0}</source>
        <translation>{0} 的更新规则</translation>
    </message>
    <message>
        <source>The update ({0}, η = {1})</source>
        <translation>权重更新（{0}，η = {1}）</translation>
    </message>
    <message>
        <source>w before</source>
        <translation>更新前的 w</translation>
    </message>
    <message>
        <source>w after</source>
        <translation>更新后的 w</translation>
    </message>
    <message>
        <source>… {0} entries in all</source>
        <translation>…（共 {0} 个元素）</translation>
    </message>
    <message>
        <source>[i, j]: the weight from input i to unit j, counted from 1 as z₁, z₂ are.</source>
        <translation>[i, j]：从输入 i 到单元 j 的权重，和 z₁、z₂ 一样从 1 开始编号。</translation>
    </message>
    <message>
        <source>Step inside one training step</source>
        <translation>走进一步训练的内部</translation>
    </message>
    <message>
        <source>How many samples (from the chosen one on) this step trains on</source>
        <translation>这一步训练用多少个样本（从选中的样本开始往后数）</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>Forward ▶</source>
        <translation>前进 ▶</translation>
    </message>
    <message>
        <source>Apply this step</source>
        <translation>执行这一步</translation>
    </message>
    <message>
        <source>Train the project&apos;s network on these samples once, with its optimizer: the curves and views record it</source>
        <translation>用项目的优化器在这些样本上把网络训练一次：曲线和各个视图都会记录下来</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Samples in the step</source>
        <translation>这一步的样本数</translation>
    </message>
    <message>
        <source>Stop {0} of {1}: {2}</source>
        <translation>第 {0} / {1} 站：{2}</translation>
    </message>
    <message>
        <source>the input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>forward through {0}</source>
        <translation>前向传播经过 {0}</translation>
    </message>
    <message>
        <source>the loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>backward through {0}</source>
        <translation>反向传播经过 {0}</translation>
    </message>
    <message>
        <source>the update</source>
        <translation>权重更新</translation>
    </message>
    <message>
        <source>{0} (class &apos;{1}&apos;)</source>
        <translation>{0}（类别“{1}”）</translation>
    </message>
    <message>
        <source>The update</source>
        <translation>权重更新</translation>
    </message>
    <message>
        <source>target {0}</source>
        <translation>目标 {0}</translation>
    </message>
    <message>
        <source>Training is running: stop it before applying a step by hand.</source>
        <translation>正在训练：请先停止训练，再手动执行一步。</translation>
    </message>
    <message>
        <source>Applied: the network took this step (loss on these samples before it: {0}); it is epoch {1} in the curves.</source>
        <translation>已执行：网络走了这一步（执行前在这些样本上的损失：{0}）；它在曲线中是第 {1} 轮。</translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Layer (type)</source>
        <translation>层（类型）</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Network summary</source>
        <translation>网络摘要</translation>
    </message>
    <message>
        <source>&lt;b&gt;Total params:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;参数总量：&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <source> &amp;nbsp; &lt;b&gt;Trainable:&lt;/b&gt; {0} &amp;nbsp; &lt;b&gt;Non-trainable:&lt;/b&gt; {1}</source>
        <translation> &amp;nbsp; &lt;b&gt;可训练：&lt;/b&gt; {0} &amp;nbsp; &lt;b&gt;不可训练：&lt;/b&gt; {1}</translation>
    </message>
</context>
<context>
    <name>TestEvaluation</name>
    <message>
        <source>This project sets no test part aside (its split&apos;s test share is 0): there is nothing held out to evaluate on.</source>
        <translation>这个项目没有留出测试集（划分中测试集的比例为 0）：没有可以用来评估的留出数据。</translation>
    </message>
    <message>
        <source>after {n} epochs of training</source>
        <translation>训练 {n} 轮后</translation>
    </message>
    <message>
        <source>with untrained (initial) weights</source>
        <translation>使用未训练的（初始）权重</translation>
    </message>
    <message>
        <source>after 1 epoch of training</source>
        <translation>训练 1 轮后</translation>
    </message>
    <message>
        <source>loss {v:.4g}</source>
        <translation>损失 {v:.4g}</translation>
    </message>
    <message>
        <source>accuracy {v:.2%}</source>
        <translation>准确率 {v:.2%}</translation>
    </message>
    <message>
        <source>MAE {v:.4g}</source>
        <translation>MAE {v:.4g}</translation>
    </message>
    <message>
        <source>Held-out test set ({n:,} samples, never used for training), {state}: {figures}.</source>
        <translation>留出的测试集（{n:,} 个样本，从未用于训练），{state}：{figures}。</translation>
    </message>
    <message>
        <source>Evaluate on the test set</source>
        <translation>在测试集上评估</translation>
    </message>
    <message>
        <source>Loss and accuracy on the held-out test part, which training never sees: the final check of a lesson</source>
        <translation>在训练从未见过的留出测试集上的损失和准确率：一节课最后的检验</translation>
    </message>
    <message>
        <source>Evaluating on the test set…</source>
        <translation>正在测试集上评估…</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>training: live</source>
        <translation>训练中：实时</translation>
    </message>
    <message>
        <source>no snapshots</source>
        <translation>没有快照</translation>
    </message>
    <message>
        <source>epoch {0} of {1}</source>
        <translation>第 {0} / {1} 轮</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Continue from epoch {0}</source>
        <translation>从第 {0} 轮继续</translation>
    </message>
    <message>
        <source>Continued from epoch {0} as a new run, “{1}” (the run before is kept). The optimizer starts afresh: snapshots keep weights only, not its state (momentum, Adam&apos;s averages).</source>
        <translation>已从第 {0} 轮继续，作为新的一次训练“{1}”（之前那次训练已保留）。优化器从头开始：快照只保存权重，不保存优化器的状态（动量、Adam 的平均值）。</translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play the run&apos;s snapshots from the first epoch to the newest</source>
        <translation>从第一轮到最新一轮播放这次训练的快照</translation>
    </message>
    <message>
        <source>Drag to see the network as it was at an earlier epoch</source>
        <translation>拖动以查看网络在较早某一轮时的样子</translation>
    </message>
    <message>
        <source>{0}/s</source>
        <translation>{0} 帧/秒</translation>
    </message>
    <message>
        <source>How fast Play steps through the snapshots</source>
        <translation>播放快照的速度</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Back to the network as trained now</source>
        <translation>回到当前训练好的网络</translation>
    </message>
    <message>
        <source>Continue from here</source>
        <translation>从这里继续</translation>
    </message>
    <message>
        <source>Start a new run from the weights of the epoch shown (the current run is kept)</source>
        <translation>用所显示那一轮的权重开始新的一次训练（当前这次训练会保留）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PNG frames of the views...</source>
        <translation>视图的 PNG 帧...</translation>
    </message>
    <message>
        <source>PNG frames of the whole window...</source>
        <translation>整个窗口的 PNG 帧...</translation>
    </message>
    <message>
        <source>Write one PNG picture per snapshot into a folder, for slides</source>
        <translation>每个快照写一张 PNG 图片到文件夹中，用于幻灯片</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>epoch {0} of {1}</source>
        <translation>第 {0} / {1} 轮</translation>
    </message>
</context>
<context>
    <name>TrainingDocks</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>10 epochs a second</source>
        <translation>每秒 10 轮</translation>
    </message>
    <message>
        <source>2 epochs a second</source>
        <translation>每秒 2 轮</translation>
    </message>
    <message>
        <source>10 batches a second</source>
        <translation>每秒 10 个 mini-batch</translation>
    </message>
    <message>
        <source>2 batches a second</source>
        <translation>每秒 2 个 mini-batch</translation>
    </message>
    <message>
        <source>What training minimises. Automatic picks the usual loss for the task and the output layer&apos;s activation.</source>
        <translation>训练要最小化的量。“自动”会根据任务和输出层的激活函数选择常用的损失函数。</translation>
    </message>
    <message>
        <source>The rule that turns gradients into weight updates</source>
        <translation>把梯度变成权重更新的规则</translation>
    </message>
    <message>
        <source>Step size. It may be changed while training: it applies from the next batch.</source>
        <translation>每一步的步长。训练中也可以修改：从下一个 mini-batch 开始生效。</translation>
    </message>
    <message>
        <source>How many passes over the training data one press of Train runs</source>
        <translation>按一次“训练”要把训练集完整过几遍（轮数）</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>直到停止</translation>
    </message>
    <message>
        <source>Train on and on until Stop is pressed</source>
        <translation>一直训练，直到按下“停止”</translation>
    </message>
    <message>
        <source>Slow training down to watch each epoch or batch; it may be changed while training</source>
        <translation>放慢训练，看清每一轮或每个 mini-batch；训练中也可以修改</translation>
    </message>
    <message>
        <source>all (full batch)</source>
        <translation>全部（批量梯度下降）</translation>
    </message>
    <message>
        <source>Samples per weight update: 1 is stochastic gradient descent, all is full-batch gradient descent (type 0 or step below 1)</source>
        <translation>每次更新权重用多少个样本：1 是随机梯度下降，“全部”是批量梯度下降（输入 0 或调到 1 以下）</translation>
    </message>
    <message>
        <source>L1 penalty on every layer&apos;s weights (pushes weights to exactly zero)</source>
        <translation>对每层权重的 L1 正则化惩罚（把权重推到恰好为 0）</translation>
    </message>
    <message>
        <source>L2 penalty on every layer&apos;s weights (keeps weights small)</source>
        <translation>对每层权重的 L2 正则化惩罚（让权重保持较小）</translation>
    </message>
    <message>
        <source>Share of the data held out to check the network on samples it never trains on</source>
        <translation>留作验证集的数据比例：用网络从没训练过的样本检查它</translation>
    </message>
    <message>
        <source>Same seed, same starting weights and shuffling: runs can be repeated</source>
        <translation>种子相同，初始权重和打乱顺序就相同：训练可以重现</translation>
    </message>
    <message>
        <source>after</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Stop when the validation loss has not improved for this many epochs</source>
        <translation>验证集损失连续这么多轮没有改善时停止训练</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Epochs without improvement before training stops</source>
        <translation>停止训练前允许没有改善的轮数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数 (epoch)</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train for the number of epochs set above, continuing from the current weights</source>
        <translation>从当前权重继续，训练上面设置的轮数</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train one batch, then wait (Shift+click: one epoch)</source>
        <translation>训练一个 mini-batch 后暂停（Shift+点击：训练一轮）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>Start again from fresh random weights and clear the curves</source>
        <translation>重新随机初始化权重，并清空曲线</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>auto: {loss}</source>
        <translation>自动：{loss}</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Preparing the data…</source>
        <translation>正在准备数据…</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
    <message>
        <source>epoch {0} of {1}</source>
        <translation>第 {0} / {1} 轮</translation>
    </message>
    <message>
        <source> · ETA {0}</source>
        <translation> · 剩余 {0}</translation>
    </message>
    <message>
        <source>step {step}{eta} · {rate} samples/s</source>
        <translation>第 {step} 步{eta} · {rate} 样本/秒</translation>
    </message>
    <message>
        <source>1 epoch trained</source>
        <translation>已训练 1 轮</translation>
    </message>
    <message>
        <source>{0} epochs trained</source>
        <translation>已训练 {0} 轮</translation>
    </message>
</context>
<context>
    <name>VariantsDialog</name>
    <message>
        <source>Batch size (all: the whole set)</source>
        <translation>批量大小（all：整个训练集）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Optimizer (each with its defaults)</source>
        <translation>优化器（各用其默认设置）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Weight initializer</source>
        <translation>权重初始化方法</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>神经元个数</translation>
    </message>
    <message>
        <source>No hidden layer has this setting.</source>
        <translation>没有哪个隐藏层有这个设置。</translation>
    </message>
    <message>
        <source>Compare variants</source>
        <translation>比较变体</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Train variants</source>
        <translation>训练各变体</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Vary:</source>
        <translation>改变：</translation>
    </message>
    <message>
        <source>In layer:</source>
        <translation>所在层：</translation>
    </message>
    <message>
        <source>Values (comma-separated):</source>
        <translation>取值（用逗号分隔）：</translation>
    </message>
    <message>
        <source>Epochs each:</source>
        <translation>每个训练轮数：</translation>
    </message>
    <message>
        <source>Each variant trains from scratch with the current settings and the one setting changed, one after another; each becomes a run of the project as it finishes.</source>
        <translation>每个变体都从头训练：使用当前设置，只改变这一项，依次进行；每个变体训练完就成为项目的一次训练记录。</translation>
    </message>
    <message>
        <source>every hidden layer</source>
        <translation>所有隐藏层</translation>
    </message>
    <message>
        <source>Stopped: another project was opened ({0} of {1} variants had been trained).</source>
        <translation>已停止：打开了另一个项目（当时 {1} 个变体中已训练完 {0} 个）。</translation>
    </message>
    <message>
        <source>{0} variants trained.</source>
        <translation>已训练 {0} 个变体。</translation>
    </message>
    <message>
        <source>{0} ({1} of {2}): %p%</source>
        <translation>{0}（第 {1} / {2} 个）：%p%</translation>
    </message>
    <message>
        <source>Cancelled: {0} of {1} variants trained.</source>
        <translation>已取消：{1} 个变体中已训练 {0} 个。</translation>
    </message>
</context>
<context>
    <name>WeightEdits</name>
    <message>
        <source>Set {layer} {param}[{where}] to {value}</source>
        <translation>把 {layer} 的 {param}[{where}] 设为 {value}</translation>
    </message>
    <message>
        <source>Initialise {layer} {param}</source>
        <translation>重新初始化 {layer} 的 {param}</translation>
    </message>
</context>
<context>
    <name>WeightHistogram</name>
    <message>
        <source>Initial weights histogram</source>
        <translation>初始权重直方图</translation>
    </message>
    <message>
        <source>std {0} · mean {1} · {2} weights</source>
        <translation>标准差 {0} · 均值 {1} · {2} 个权重</translation>
    </message>
</context>
<context>
    <name>WeightTables</name>
    <message>
        <source>{param}[{where}] = {value}</source>
        <translation>{param}[{where}] = {value}</translation>
    </message>
    <message>
        <source>unit {n}</source>
        <translation>神经元 {n}</translation>
    </message>
    <message>
        <source>in {n}</source>
        <translation>输入 {n}</translation>
    </message>
    <message>
        <source>{param}: {n} units (one row)</source>
        <translation>{param}：{n} 个神经元（一行）</translation>
    </message>
    <message>
        <source>{param}: {rows} inputs (rows) × {cols} units (columns)</source>
        <translation>{param}：{rows} 个输入（行）× {cols} 个神经元（列）</translation>
    </message>
    <message>
        <source>{param}: {shape}, one {rows} × {cols} slice at a time</source>
        <translation>{param}：{shape}，每次显示一个 {rows} × {cols} 切片</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>Input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>Axis {n}</source>
        <translation>第 {n} 轴</translation>
    </message>
    <message>
        <source>Initialise</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Draw this tensor afresh from the layer&apos;s initializer (Edit ▸ Undo brings the numbers back).</source>
        <translation>用该层的初始化方法重新抽取这个张量（编辑 ▸ 撤销 可以找回原来的数值）。</translation>
    </message>
    <message>
        <source>{param} of {layer}</source>
        <translation>{layer} 的 {param}</translation>
    </message>
    <message>
        <source>Weights and biases</source>
        <translation>权重和偏置</translation>
    </message>
    <message>
        <source>The weights appear here once the network is complete and valid.</source>
        <translation>网络完整且有效后，权重会显示在这里。</translation>
    </message>
    <message>
        <source>Initial values (not trained yet). Double-click a number to change it.</source>
        <translation>初始值（尚未训练）。双击一个数字即可修改。</translation>
    </message>
    <message>
        <source>Double-click a number to change it; Edit ▸ Undo takes the change back.</source>
        <translation>双击一个数字即可修改；编辑 ▸ 撤销 可以取消修改。</translation>
    </message>
</context>
<context>
    <name>WeightsHeatmap</name>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source> (max {0})</source>
        <translation>（最大 {0}）</translation>
    </message>
    <message>
        <source>weights ±{0}</source>
        <translation>权重 ±{0}</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>{number} · {chapter}</source>
        <translation>{number} · {chapter}</translation>
    </message>
    <message>
        <source>Sample: {title}</source>
        <translation>示例：{title}</translation>
    </message>
    <message>
        <source>Open the sample “{title}”</source>
        <translation>打开示例“{title}”</translation>
    </message>
    <message>
        <source>Design neural networks visually and watch them learn.</source>
        <translation>用图形方式设计神经网络，并观察它如何学习。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>New empty network</source>
        <translation>新建空白网络</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>New from scikit-learn recipe…</source>
        <translation>按 scikit-learn 配方新建…</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>Learn from a sample</source>
        <translation>从示例开始学习</translation>
    </message>
    <message>
        <source>Loading samples…</source>
        <translation>正在载入示例…</translation>
    </message>
    <message>
        <source>No recent projects yet.</source>
        <translation>还没有最近打开的项目。</translation>
    </message>
    <message>
        <source>No sample projects are installed. Start with a new empty network.</source>
        <translation>没有安装示例项目。请从新建空白网络开始。</translation>
    </message>
</context>
<context>
    <name>WindowTraining</name>
    <message>
        <source>This project&apos;s trained weights are missing (its file has no weights.npz): the curves shown are a record; Train starts a new run from fresh weights and keeps them as a run of their own.</source>
        <translation>这个项目训练好的权重不见了（文件里没有 weights.npz）：显示的曲线只是记录；按“训练”会用新的随机权重开始一次新的运行，并把这些曲线另存为一次运行。</translation>
    </message>
    <message>
        <source>stopped: {0} epochs trained</source>
        <translation>已停止：训练了 {0} 轮</translation>
    </message>
    <message>
        <source>stopped: 1 epoch trained</source>
        <translation>已停止：训练了 1 轮</translation>
    </message>
    <message>
        <source>done: {0} epochs trained</source>
        <translation>完成：训练了 {0} 轮</translation>
    </message>
    <message>
        <source>done: 1 epoch trained</source>
        <translation>完成：训练了 1 轮</translation>
    </message>
    <message>
        <source>training is running (Stop to edit layers)</source>
        <translation>正在训练（按“停止”后才能编辑层）</translation>
    </message>
    <message>
        <source>the weights trained for 1 epoch</source>
        <translation>训练了 1 轮的权重</translation>
    </message>
    <message>
        <source>the weights trained for {0} epochs</source>
        <translation>训练了 {0} 轮的权重</translation>
    </message>
    <message>
        <source>the trained weights</source>
        <translation>训练好的权重</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>Start a new run from fresh random weights? The run with {0} and its curves is kept (Tools ▸ Compare Runs; Edit ▸ Undo makes it current again).</source>
        <translation>要用新的随机权重开始一次新的训练吗？带有{0}的这次训练及其曲线会保留（工具 ▸ 比较各次训练；编辑 ▸ 撤销 可以让它重新成为当前的）。</translation>
    </message>
    <message>
        <source>Switch run</source>
        <translation>切换训练记录</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名训练记录</translation>
    </message>
    <message>
        <source>Pin run</source>
        <translation>固定训练记录</translation>
    </message>
    <message>
        <source>Unpin run</source>
        <translation>取消固定训练记录</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>删除训练记录</translation>
    </message>
    <message>
        <source>Compare variants</source>
        <translation>比较变体</translation>
    </message>
    <message>
        <source>Set L1/L2 penalties</source>
        <translation>设置 L1/L2 正则化</translation>
    </message>
</context>
<context>
    <name>_LayerPicker</name>
    <message>
        <source>Which layer to show</source>
        <translation>显示哪一层</translation>
    </message>
</context>
<context>
    <name>t</name>
    <message>
        <source>epoch {0} of {1}</source>
        <translation>第 {0} / {1} 轮</translation>
    </message>
</context>
</TS>
