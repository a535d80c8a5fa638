using System;
using System.IO;
using System.Reflection;

namespace ImContacts.Auth.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1: answers the dependencies' requests for assemblies from the dependencies folder (acting as
    /// the binding redirects a module cannot ship), and for ImContacts itself. Requests from other code are left alone.
    /// </summary>
    internal static class DesktopResolver
    {
        private static string? directory;
        private static Assembly? owner;

        public static void Install(string dependencyDirectory, Assembly module)
        {
            if (directory is not null)
            {
                return;
            }

            directory = dependencyDirectory;
            owner = module;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            if (string.Equals(name.Name, owner!.GetName().Name, StringComparison.OrdinalIgnoreCase))
            {
                return owner;
            }

            var requester = args.RequestingAssembly;
            var fromUs = requester is null || requester == owner || IsInFolder(requester);
            var path = Path.Combine(directory!, name.Name + ".dll");
            return fromUs && File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static bool IsInFolder(Assembly assembly)
        {
            try
            {
                return !assembly.IsDynamic
                    && string.Equals(Path.GetDirectoryName(assembly.Location), directory, StringComparison.OrdinalIgnoreCase);
            }
            catch (NotSupportedException)
            {
                return false;
            }
        }
    }
}
