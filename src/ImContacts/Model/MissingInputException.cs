using System;

namespace ImContacts.Model
{
    /// <summary>An input that names none of the alternatives a cmdlet needs (for example neither -ContactId nor -ImAddress).</summary>
    internal sealed class MissingInputException : ArgumentException
    {
        public MissingInputException(string errorId, string message)
            : base(message)
        {
            ErrorId = errorId;
        }

        public string ErrorId { get; }
    }
}
