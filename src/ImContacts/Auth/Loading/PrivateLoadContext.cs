using System;
using System.IO;
using System.Reflection;

namespace ImContacts.Auth.Loading
{
    /// <summary>
    /// A System.Runtime.Loader.AssemblyLoadContext made by reflection, because this assembly targets netstandard2.0
    /// (the PSResourceGet approach). Assemblies loaded into it by path resolve their references there first; what it
    /// does not hold (the BCL, ImContacts itself) comes from the default context, and a dependency the default
    /// context lacks is loaded from the folder.
    /// </summary>
    internal sealed class PrivateLoadContext
    {
        private readonly MethodInfo loadFromAssemblyPath;
        private readonly string directory;
        private readonly Assembly owner;

        private PrivateLoadContext(object instance, MethodInfo loadFromAssemblyPath, string directory, Assembly owner)
        {
            Instance = instance;
            this.loadFromAssemblyPath = loadFromAssemblyPath;
            this.directory = directory;
            this.owner = owner;
        }

        public object Instance { get; }

        /// <summary>Returns null where load contexts do not exist (.NET Framework).</summary>
        public static PrivateLoadContext? TryCreate(string name, string directory, Assembly owner)
        {
            var type = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            var constructor = type?.GetConstructor(new[] { typeof(string), typeof(bool) });
            var load = type?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            var resolving = type?.GetEvent("Resolving");
            if (type is null || constructor is null || load is null || resolving?.EventHandlerType is null)
            {
                return null;
            }

            var context = new PrivateLoadContext(constructor.Invoke(new object[] { name, false }), load, directory, owner);
            // Bound through MethodInfo so that Resolve's object parameter may stand for AssemblyLoadContext.
            var resolve = typeof(PrivateLoadContext).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Instance)!;
            var handler = Delegate.CreateDelegate(resolving.EventHandlerType, context, resolve);
            resolving.AddEventHandler(context.Instance, handler);
            return context;
        }

        public Assembly LoadFromPath(string path)
        {
            try
            {
                return (Assembly)loadFromAssemblyPath.Invoke(Instance, new object[] { path })!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }

        // Bound to AssemblyLoadContext.Resolving (Func<AssemblyLoadContext, AssemblyName, Assembly?>).
        private Assembly? Resolve(object loadContext, AssemblyName name)
        {
            if (string.Equals(name.Name, owner.GetName().Name, StringComparison.OrdinalIgnoreCase))
            {
                return owner;
            }

            var path = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromPath(path) : null;
        }
    }
}
