// JShell start-up for Chainrule (bin/jshell loads it): the imports a first session needs.
// dev.chainrule.nn.Module is imported by name: under the nn wildcard alone it would clash with java.lang.Module.
import java.util.*;
import dev.chainrule.autograd.*;
import dev.chainrule.nn.*;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.conv.*;
import dev.chainrule.nn.data.*;
import dev.chainrule.nn.init.*;
import dev.chainrule.nn.loss.*;
import dev.chainrule.nn.metrics.*;
import dev.chainrule.nn.norm.*;
import dev.chainrule.nn.optim.*;
import dev.chainrule.nn.pool.*;
import dev.chainrule.nn.recurrent.*;
import dev.chainrule.nn.train.*;
import dev.chainrule.nn.transformer.*;
