<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new empty network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the project as it was last saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Picture of the Canvas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a picture of the network (PNG or SVG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the trained network for PyTorch, Keras or ONNX, or its weights for NumPy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project &amp;Properties…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project&apos;s title, lesson, notes and goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Welcome Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the welcome page and samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close nnstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo the edit just undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected layers and delete them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste copied layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy and paste the selection at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected layers and connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select every layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;rrange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lay the network out from left to right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Align moved layers to the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom to 100%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Canvas Only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide every panel to give the network the whole window (again to bring them back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large text, lines and points; only the canvas and the views a class watches (again to leave)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard and Mouse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every shortcut and mouse gesture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About nnstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours of the window and the canvas (Light suits projectors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer &amp;Playground…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch SGD, momentum and Adam walk down a function of two variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Activation Explorer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every activation and its slope, with the regions where it saturates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Initialisation Explorer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activations and gradients through ten layers for zeros, N(0, 1), N(0, 0.01), Xavier and He</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gradient Check…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backpropagation against numerical gradients on the current network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivationExplorer</name>
    <message>
        <source>Activation explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a(z), solid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slope da/dz, dashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>through </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick to draw; select one to shade where it is flat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its slope is 0 everywhere: no gradient flows back through it, so it cannot be trained by backpropagation (the perceptron rule trains it instead).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its slope is at most {0}. Backpropagation multiplies a gradient by this slope once per layer, so through {1} such layers at most {2} of it is left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: the first layers barely learn, which is why deep {0} networks learn slowly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (typical inputs sit where the slope is smaller).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shaded: where the slope is below {0}% of its peak; a unit there saturates and passes back almost nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is never flat: no shading.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open project</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>“{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unsaved project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nnstudio did not close properly last time. An autosaved copy of {what} from {when} was found. Recover it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot recover the autosaved copy: {problem} The copy is kept at {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvDialog</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} cannot be read ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is too large to load into this computer&apos;s memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A column of whole numbers with few values is read as classes; choose regression when the numbers are amounts (prices, ages).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inferred from the values: {task}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &apos;{col}&apos; holds text, so it cannot be a regression target: choose classification or another column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &apos;{col}&apos; holds fractional numbers, which are not class labels: choose regression or another column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {name} ({mb:.0f} MB)… {s:.0f} s. Cancel stops it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot import:&lt;/b&gt;&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>{shown:,} of {total:,} samples shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A seeded random subsample keeps the preview quick; training uses every sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale the target too (mean 0, std 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on the standardized target; predictions, plots and errors are turned back into the target&apos;s own units.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adapt the network?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

Change the network to fit the data? (Edit ▸ Undo takes it back.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adapt network to data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <source>The drawing scaled down to the images the network learned from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the network, then draw a digit here to see what it predicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network cannot predict: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drawing pad works with the digits and MNIST data sets: choose one in the Data panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network takes {0} values, not a {1}x{1} image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit with the mouse; the bars show the network&apos;s answer as you draw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing pad</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Cannot save project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a sample installed with nnstudio: save your copy elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (sample: Save makes your own copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained weights of {names} no longer fit and start afresh (Undo brings them back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch script and weights (*.py)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras script and weights (*.py)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONNX model (*.onnx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy weights (*.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the model to {path}: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the model to {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network is untrained: the weights are fresh random ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed it data scaled as {file} says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It takes raw data: the training&apos;s scaling is built in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradcheckView</name>
    <message>
        <source>central differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forward differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at a kink (not an error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger tensors are checked on this many entries drawn at random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most entries per tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative error of each numerical gradient against backpropagation (entries at a kink left out):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backpropagation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>numerical gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MISMATCH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} entries sit at a kink, where the slope jumps (a ReLU input at exactly 0, a tie in a max-pool window): a finite difference there averages the two sides, while backpropagation takes one side&apos;s slope, as every framework does. They are circled in red and left out of the errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entry sits at a kink (a ReLU input at exactly 0, a max-pool tie).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Backpropagation&lt;/b&gt;: 1 forward + 1 backward pass gives all {0} gradients: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Central differences&lt;/b&gt; (f(w+h) − f(w−h)) / 2h: 2 forward passes per weight, {0} passes for {1} entries: {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Forward differences&lt;/b&gt; (f(w+h) − f(w)) / h: 1 pass per weight, {0} passes: {1}; half the cost, but its error shrinks only like h, not h².</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every training step needs the gradient of all {0} weights: numerically that is about {1} times the cost of backpropagation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:12pt&apos;&gt;{0}&lt;/b&gt;: {1} entries, on {2} samples, h = {3}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradientNormsPlot</name>
    <message>
        <source>No gradients to show: the perceptron rule corrects the weights from each mistake directly (w ← w + lr·(y − ŷ)·x) and computes no gradients. Choose another optimizer, such as sgd, to see them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InitExplorer</name>
    <message>
        <source>Initialisation explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deep stack of Dense layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spread of {0} by layer (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard deviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A batch of 500 N(0, 1) inputs; a random N(0, 1) gradient enters at the output. Xavier draws var W = 2 / (fan_in + fan_out), made for tanh and sigmoid; He draws var W = 2 / fan_in, made for ReLU. Watch N(0, 0.01) shrink toward 0 layer after layer, N(0, 1) push tanh units to ±1, and zeros give every unit the same value: nothing to tell them apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histogram colours: layer 1 {0} layer {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InkCanvas</name>
    <message>
        <source>Drawing surface</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a layer on the canvas to edit its settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} layers selected. Select one to edit its settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer&apos;s name as shown on its card; names must be unique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer&apos;s id in the project file (never changes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This layer has no settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings are locked: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nnstudio will show {language} the next time it starts. Close and open nnstudio to switch now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerCategory</name>
    <message>
        <source>Core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Train the network to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Met: {metric} = {value:.3g} after {epochs} epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not met yet: {metric} = {value:.3g} after {epochs} epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit lesson…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write this project&apos;s title, lesson, notes and goal (File ▸ Project Properties)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project has no lesson yet. **Edit lesson…** (or File ▸ Project Properties) gives it a lesson line, notes in Markdown and a goal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal: {goal}</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Structure locked: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Recent Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select layers or connections to delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select layers to copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied {n} layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied 1 layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no layers to paste.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select layers to duplicate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard and mouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About nnstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;nnstudio {version}&lt;/h3&gt;&lt;p&gt;Design neural networks visually and watch them learn. A pure-NumPy engine with a PySide6 studio.&lt;/p&gt;&lt;p&gt;MIT licence.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OptimizerPlayground</name>
    <message>
        <source>Optimizer playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own function…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. x0^2 + 3*sin(x1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the map to start from another point. Space plays or pauses, → steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(flew off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Filter layers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer palette</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag onto the canvas, or double-click to add after the selected layer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Cannot export to {path}: the folder {folder} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export to {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export to {path}: the name must end in .png (or another image type such as {others}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause / Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave presentation (F11)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems: the network is complete and every shape fits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectProperties</name>
    <message>
        <source>Edit project properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PropertiesDialog</name>
    <message>
        <source>Project Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One sentence: what this project teaches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes in Markdown. A paragraph starting with **Try:** becomes a suggestion in the Lesson panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes (Markdown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A promise the Lesson panel checks after each training session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryModel</name>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Network summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingDocks</name>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>full speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 epochs a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 epochs a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 batches a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 batches a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What training minimises. Automatic picks the usual loss for the task and the output layer&apos;s activation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule that turns gradients into weight updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step size. It may be changed while training: it applies from the next batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many passes over the training data one press of Train runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on and on until Stop is pressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow training down to watch each epoch or batch; it may be changed while training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all (full batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples per weight update: 1 is stochastic gradient descent, all is full-batch gradient descent (type 0 or step below 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L1 penalty on every layer&apos;s weights (pushes weights to exactly zero)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 penalty on every layer&apos;s weights (keeps weights small)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the data held out to check the network on samples it never trains on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same seed, same starting weights and shuffling: runs can be repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop when the validation loss has not improved for this many epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs without improvement before training stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train for the number of epochs set above, continuing from the current weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train one batch, then wait (Shift+click: one epoch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again from fresh random weights and clear the curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · ETA {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {step}{eta} · {rate} samples/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>{number} · {chapter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the sample “{title}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design neural networks visually and watch them learn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New empty network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learn from a sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading samples…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent projects yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sample projects are installed. Start with a new empty network.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowTraining</name>
    <message>
        <source>training is running (Stop to edit layers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set L1/L2 penalties</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
